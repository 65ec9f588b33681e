import { event } from '../../events/domain-events.js';
import { AppError } from '../../model/app-error.js';
import { P } from '../../model/permissions.js';
import {
  MAX_PREFERENCES_PER_REQUEST,
  PREFERENCE_CATEGORY,
  parsePreferences,
  preferenceError,
  preparePreference,
  type Preference,
} from '../../model/preference.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import { noFlaggablePosts, type FlaggablePosts } from './flaggable-posts.js';

/**
 * Users' preferences: Mattermost's key/value settings per user (display settings, themes, flagged
 * posts, recent custom statuses...). Anyone may read and change their own; others need
 * edit_other_users, as Mattermost's SessionHasPermissionToUser decides.
 */
export class PreferenceService {
  /** Whether a flagged post exists and the caller may read it; the posts area replaces the stand-in. */
  posts: FlaggablePosts = noFlaggablePosts;

  constructor(private readonly deps: { store: Store; uow: UnitOfWork; permissions: Permissions }) {}

  /** GET /users/{user_id}/preferences. @throws AppError 403 (edit_other_users) */
  async getPreferences(ctx: RequestContext, userId: string): Promise<Preference[]> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    return this.deps.store.preferences.listForUser(userId);
  }

  /**
   * GET /users/{user_id}/preferences/{category}.
   * @throws AppError 403, 404 api.preference.preferences_category.get.app_error when the category is empty
   */
  async getPreferencesByCategory(ctx: RequestContext, userId: string, category: string): Promise<Preference[]> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    const preferences = await this.deps.store.preferences.listCategory(userId, category);
    if (preferences.length === 0) throw AppError.notFound('api.preference.preferences_category.get.app_error', `category=${category}`);
    return preferences;
  }

  /**
   * GET /users/{user_id}/preferences/{category}/name/{name}.
   * @throws AppError 403, 400 app.preference.get.app_error when there is none (Mattermost's status)
   */
  async getPreferenceByCategoryAndName(ctx: RequestContext, userId: string, category: string, name: string): Promise<Preference> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    return this.requirePreference(userId, category, name);
  }

  /**
   * PUT /users/{user_id}/preferences: saves 1 to 100 preferences of the user together.
   * @throws AppError 403 edit_other_users, 400 preferences (unreadable, empty, too many),
   *   400 preference.name / 403 read_channel_content for flagged posts, 403
   *   api.preference.update_preferences.set.app_error for another user's preference, 400
   *   model.preference.is_valid.*
   */
  async updatePreferences(ctx: RequestContext, userId: string, body: unknown): Promise<void> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    const preferences = this.readRequestList(body);
    for (const preference of preferences) {
      if (preference.category !== PREFERENCE_CATEGORY.flaggedPost) continue;
      const access = await this.posts.readability(ctx, preference.name);
      if (access === 'missing') throw AppError.invalidParam('preference.name', `post_id=${preference.name}`);
      if (access === 'forbidden') throw AppError.forbidden(P.readChannelContent);
    }
    await this.savePreferences(userId, preferences);
  }

  /**
   * POST /users/{user_id}/preferences/delete: deletes the named preferences (missing ones are fine).
   * @throws AppError 403 edit_other_users, 400 preferences, 403 api.preference.delete_preferences.delete.app_error
   */
  async deletePreferences(ctx: RequestContext, userId: string, body: unknown): Promise<void> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    const preferences = this.readRequestList(body);
    const foreign = preferences.find((p) => p.user_id !== userId);
    if (foreign) throw new AppError('api.preference.delete_preferences.delete.app_error', 403, { details: `user_id=${foreign.user_id}` });
    await this.deps.uow.run(async (tx, emit) => {
      for (const p of preferences) await tx.preferences.delete(userId, p.category, p.name);
      emit(event('preferences.deleted', { userId, preferences }));
    });
  }

  /**
   * Saves preferences for the server itself (no permission check), with Mattermost's rules: every
   * preference must belong to `userId` and be valid, or none is saved. Announces them to the user.
   * @throws AppError 403 api.preference.update_preferences.set.app_error, 400 model.preference.is_valid.*
   */
  async savePreferences(userId: string, preferences: readonly Preference[]): Promise<void> {
    const foreign = preferences.find((p) => p.user_id !== userId);
    if (foreign) throw new AppError('api.preference.update_preferences.set.app_error', 403, { details: `user_id=${foreign.user_id}` });
    const prepared = preferences.map(preparePreference);
    for (const preference of prepared) {
      const error = preferenceError(preference);
      if (error) throw error;
    }
    await this.deps.uow.run(async (tx, emit) => {
      await tx.preferences.upsert(prepared);
      emit(event('preferences.saved', { userId, preferences: prepared }));
    });
  }

  /** One preference, or undefined (no permission check). */
  findPreference(userId: string, category: string, name: string): Promise<Preference | undefined> {
    return this.deps.store.preferences.find(userId, category, name);
  }

  /** @throws AppError 400 app.preference.get.app_error when the user has no such preference */
  async requirePreference(userId: string, category: string, name: string): Promise<Preference> {
    const preference = await this.findPreference(userId, category, name);
    if (!preference) throw AppError.badRequest('app.preference.get.app_error', `category=${category} name=${name}`);
    return preference;
  }

  /** Ids of the posts the user flagged (saved), for GET /users/{user_id}/posts/flagged. */
  async listFlaggedPostIds(userId: string): Promise<string[]> {
    const flags = await this.deps.store.preferences.listCategory(userId, PREFERENCE_CATEGORY.flaggedPost);
    return flags.map((p) => p.name);
  }

  /** Forgets every user's flag on a post (when the post is deleted), in the caller's transaction if given. */
  async deleteFlagsForPost(postId: string, store: Store = this.deps.store): Promise<void> {
    await store.preferences.deleteCategoryAndName(PREFERENCE_CATEGORY.flaggedPost, postId);
  }

  /** @throws AppError 400 invalid_body_param preferences unless 1 to 100 readable preferences */
  private readRequestList(body: unknown): Preference[] {
    const preferences = parsePreferences(body);
    if (!preferences) throw AppError.invalidParam('preferences', 'not a list of preferences');
    if (preferences.length === 0 || preferences.length > MAX_PREFERENCES_PER_REQUEST) {
      throw AppError.invalidParam('preferences', `count=${preferences.length}`);
    }
    return preferences;
  }
}
