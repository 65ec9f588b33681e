import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { MARK_UNREAD_ALL, MARK_UNREAD_MENTION } from '../../model/channel.js';
import { newId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import {
  CATEGORY_CHANNELS,
  CATEGORY_CUSTOM,
  CATEGORY_DIRECT_MESSAGES,
  CATEGORY_DISPLAY_NAME_MAX_RUNES,
  CATEGORY_FAVORITES,
  CATEGORY_SORTINGS,
  SIDEBAR_SORT_DISTANCE,
  defaultCategoryId,
  type OrderedSidebarCategories,
  type SidebarCategory,
  type SidebarCategoryWithChannels,
} from '../../model/sidebar.js';
import { runeCount } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { ChannelMemberCore } from './channel-members-core.js';

/** A category as a client sends it. */
export interface CategoryInput {
  id?: string;
  user_id?: string;
  team_id?: string;
  display_name?: string;
  sorting?: string;
  muted?: boolean;
  collapsed?: boolean;
  channel_ids?: string[];
}

/** The three categories every user starts with in a team, as Mattermost makes them. */
export function defaultCategories(userId: string, teamId: string): SidebarCategory[] {
  const make = (type: string, sortOrder: number, displayName: string, sorting: string): SidebarCategory => ({
    id: defaultCategoryId(type, userId, teamId),
    user_id: userId,
    team_id: teamId,
    sort_order: sortOrder,
    sorting,
    type,
    display_name: displayName,
    muted: false,
    collapsed: false,
  });
  return [
    make(CATEGORY_FAVORITES, 0, 'Favorites', ''),
    make(CATEGORY_CHANNELS, SIDEBAR_SORT_DISTANCE, 'Channels', ''),
    make(CATEGORY_DIRECT_MESSAGES, 2 * SIDEBAR_SORT_DISTANCE, 'Direct Messages', 'recent'),
  ];
}

const categoryError = (status: number) => new AppError('app.channel.sidebar_categories.app_error', status);

/**
 * A user's sidebar in a team: the default Favorites, Channels and Direct Messages categories and
 * custom ones. Channels placed in no category show in Channels (public and private) or Direct
 * Messages (conversations), as in Mattermost.
 */
export class SidebarService {
  constructor(private readonly deps: { store: Store; uow: UnitOfWork; clock: Clock; permissions: Permissions; members: ChannelMemberCore }) {}

  /**
   * GET /users/{id}/teams/{team_id}/channels/categories: made on first use; empty outside the team.
   * @throws AppError 403 (edit_other_users)
   */
  async getCategories(ctx: RequestContext, userId: string, teamId: string): Promise<OrderedSidebarCategories> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    if (!(await this.ensureDefaults(userId, teamId))) return { categories: [], order: [] };
    const categories = await this.deps.store.sidebar.listForTeam(userId, teamId);
    for (const category of categories) await this.completeChannels(category);
    return { categories, order: categories.map((c) => c.id) };
  }

  /** @throws AppError 403 (edit_other_users) */
  async getCategoryOrder(ctx: RequestContext, userId: string, teamId: string): Promise<string[]> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    await this.ensureDefaults(userId, teamId);
    return (await this.deps.store.sidebar.listForTeam(userId, teamId)).map((c) => c.id);
  }

  /**
   * GET …/categories/{id}.
   * @throws AppError 403 (edit_other_users) unless the category is the caller's, 404
   */
  async getCategory(ctx: RequestContext, userId: string, teamId: string, categoryId: string): Promise<SidebarCategoryWithChannels> {
    const category = await this.requireCategory(ctx, userId, teamId, categoryId, () => AppError.forbidden(P.editOtherUsers));
    return this.completeChannels(category);
  }

  /**
   * POST …/categories: a custom category, right after Favorites (first when Favorites is not
   * first); its channels leave their former categories.
   * @throws AppError 400 category, 403 (edit_other_users), 404 outside the team
   */
  async createCategory(ctx: RequestContext, userId: string, teamId: string, input: CategoryInput): Promise<SidebarCategoryWithChannels> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    if (input.user_id !== userId || input.team_id !== teamId) throw AppError.invalidParam('category');
    validateCategoryFields(input);
    if (!(await this.ensureDefaults(userId, teamId))) throw categoryError(404);
    const channelIds = await this.ownChannels(userId, teamId, input.channel_ids ?? []);
    const existing = await this.deps.store.sidebar.listForTeam(userId, teamId);
    const category: SidebarCategory = {
      id: newId(),
      user_id: userId,
      team_id: teamId,
      sort_order: 0,
      sorting: input.sorting ?? '',
      type: CATEGORY_CUSTOM,
      display_name: input.display_name ?? '',
      muted: input.muted ?? false,
      collapsed: false,
    };
    const afterFavorites = existing[0]?.type === CATEGORY_FAVORITES;
    const order = existing.map((c) => c.id);
    order.splice(afterFavorites ? 1 : 0, 0, category.id);
    category.sort_order = afterFavorites ? SIDEBAR_SORT_DISTANCE : 0;
    const created: SidebarCategoryWithChannels = { ...category, channel_ids: channelIds };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.sidebar.insertMissing([category]);
      await tx.sidebar.unplaceChannels(userId, teamId, channelIds);
      await tx.sidebar.replaceChannels(userId, [], placements(category.id, channelIds));
      await tx.sidebar.setOrder(order);
      emit(event('sidebar_category.created', { userId, teamId, category: created }));
    });
    return created;
  }

  /**
   * PUT …/categories/order: the full list of the user's categories of the team, in a new order.
   * @throws AppError 400 category / app.channel.sidebar_categories.app_error, 403 (edit_other_users)
   */
  async updateCategoryOrder(ctx: RequestContext, userId: string, teamId: string, order: unknown): Promise<string[]> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    if (!Array.isArray(order) || !order.every((id) => typeof id === 'string')) throw AppError.invalidParam('category');
    const ids = order;
    for (const id of ids) {
      if (!(await this.ownsCategory(ctx, userId, teamId, id))) throw AppError.invalidParam('category');
    }
    const existing = (await this.deps.store.sidebar.listForTeam(userId, teamId)).map((c) => c.id);
    if (existing.length !== ids.length || !existing.every((id) => ids.includes(id))) throw categoryError(400);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.sidebar.setOrder(ids);
      emit(event('sidebar_category.order_updated', { userId, teamId, order: ids }));
    });
    return ids;
  }

  /**
   * PUT …/categories: several categories at once (moving a channel means sending both).
   * @throws AppError 400 category, 403 (edit_other_users), 404
   */
  async updateCategories(ctx: RequestContext, userId: string, teamId: string, inputs: unknown): Promise<SidebarCategoryWithChannels[]> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    if (!Array.isArray(inputs)) throw AppError.invalidParam('category');
    const categories = inputs as CategoryInput[];
    for (const input of categories) {
      if (typeof input !== 'object' || input === null || typeof input.id !== 'string' || !(await this.ownsCategory(ctx, userId, teamId, input.id))) {
        throw AppError.invalidParam('category');
      }
      validateCategoryFields(input);
    }
    return this.applyUpdates(userId, teamId, categories);
  }

  /**
   * PUT …/categories/{id}.
   * @throws AppError 400 category, 403 (edit_other_users), 404
   */
  async updateCategory(ctx: RequestContext, userId: string, teamId: string, categoryId: string, input: CategoryInput): Promise<SidebarCategoryWithChannels> {
    await this.requireCategory(ctx, userId, teamId, categoryId, () => AppError.forbidden(P.editOtherUsers));
    if (input.team_id !== teamId || input.user_id !== userId) throw AppError.invalidParam('category');
    validateCategoryFields(input);
    const [updated] = await this.applyUpdates(userId, teamId, [{ ...input, id: categoryId }]);
    if (!updated) throw categoryError(404);
    return updated;
  }

  /**
   * DELETE …/categories/{id}: custom categories only; their channels go back to the defaults.
   * @throws AppError 400 app.channel.sidebar_categories.app_error, 403 (edit_other_users), 404
   */
  async deleteCategory(ctx: RequestContext, userId: string, teamId: string, categoryId: string): Promise<void> {
    const category = await this.requireCategory(ctx, userId, teamId, categoryId, () => AppError.forbidden(P.editOtherUsers));
    if (category.type !== CATEGORY_CUSTOM) throw categoryError(400);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.sidebar.delete(categoryId);
      emit(event('sidebar_category.deleted', { userId, teamId, categoryId }));
    });
  }

  /**
   * Makes the default categories when the user is a live member of the team; false otherwise.
   * Runs inside a caller's transaction when given one.
   */
  async ensureDefaults(userId: string, teamId: string, tx: Store = this.deps.store): Promise<boolean> {
    const member = await tx.teamMembers.find(teamId, userId);
    if (!member || member.delete_at > 0) return false;
    await tx.sidebar.insertMissing(defaultCategories(userId, teamId));
    return true;
  }

  /** Mattermost's UpdateSidebarCategories: read-only fields stay; Direct Messages keeps its channels. */
  private async applyUpdates(userId: string, teamId: string, inputs: readonly CategoryInput[]): Promise<SidebarCategoryWithChannels[]> {
    const store = this.deps.store;
    const updated: SidebarCategoryWithChannels[] = [];
    const originals: SidebarCategoryWithChannels[] = [];
    for (const input of inputs) {
      const source = await store.sidebar.find(input.id ?? '');
      if (!source) throw categoryError(404);
      originals.push(await this.completeChannels({ ...source, channel_ids: [...source.channel_ids] }));
      const dms = source.type === CATEGORY_DIRECT_MESSAGES;
      updated.push({
        ...source,
        display_name: source.type === CATEGORY_CUSTOM ? (input.display_name ?? '') : source.display_name,
        sorting: input.sorting ?? '',
        collapsed: input.collapsed ?? false,
        muted: dms ? source.muted : (input.muted ?? false),
        channel_ids: dms ? source.channel_ids : await this.ownChannels(userId, teamId, input.channel_ids ?? []),
      });
    }
    await this.deps.uow.run(async (tx, emit) => {
      for (const category of updated) await tx.sidebar.updateFields(category);
      const placed = updated.filter((c) => c.type !== CATEGORY_DIRECT_MESSAGES);
      await tx.sidebar.replaceChannels(userId, placed.map((c) => c.id), placed.flatMap((c) => placements(c.id, c.channel_ids)));
      for (const category of updated) await this.completeChannels(category, tx);
      emit(event('sidebar_category.updated', { userId, teamId, categories: updated }));
    });
    await this.muteToMatch(userId, updated, originals);
    return updated;
  }

  /**
   * Mattermost mutes the channels of a category that becomes muted (and unmutes them when it is
   * unmuted), and those moved between a muted and an unmuted category, through mark_unread.
   */
  private async muteToMatch(userId: string, updated: readonly SidebarCategoryWithChannels[], originals: readonly SidebarCategoryWithChannels[]): Promise<void> {
    const wanted = new Map<string, boolean>();
    const before = new Map(originals.map((c) => [c.id, c]));
    const homeBefore = new Map(originals.flatMap((c) => c.channel_ids.map((id) => [id, c] as const)));
    for (const category of updated) {
      const original = before.get(category.id);
      if (original && original.muted !== category.muted) for (const id of category.channel_ids) wanted.set(id, category.muted);
      for (const id of category.channel_ids) {
        const from = homeBefore.get(id);
        if (from && from.id !== category.id && from.muted !== category.muted) wanted.set(id, category.muted);
      }
    }
    const now = this.deps.clock.now();
    await this.deps.uow.run(async (tx, emit) => {
      for (const [channelId, muted] of wanted) {
        const [member, channel] = await Promise.all([tx.channelMembers.find(channelId, userId), tx.channels.findById(channelId)]);
        if (!member || !channel) continue;
        const notifyProps = { ...member.notify_props, mark_unread: muted ? MARK_UNREAD_MENTION : MARK_UNREAD_ALL };
        if (notifyProps.mark_unread === member.notify_props['mark_unread']) continue;
        await tx.channelMembers.updateNotifyProps(channelId, userId, notifyProps, now);
        const changed = this.deps.members.present({ ...member, notify_props: notifyProps, last_update_at: now });
        emit(event('channel_member.notify_props_changed', { member: changed, channel }));
      }
    });
  }

  /** Fills the Channels and Direct Messages categories with the channels no category holds. */
  private async completeChannels(category: SidebarCategoryWithChannels, tx: Store = this.deps.store): Promise<SidebarCategoryWithChannels> {
    if (category.type !== CATEGORY_CHANNELS && category.type !== CATEGORY_DIRECT_MESSAGES) return category;
    const kind = category.type === CATEGORY_CHANNELS ? 'channels' : 'direct';
    const unplaced = await tx.sidebar.unplacedChannelIds(category.user_id, category.team_id, kind);
    category.channel_ids = [...unplaced, ...category.channel_ids.filter((id) => !unplaced.includes(id))];
    return category;
  }

  /** The given channels the user belongs to in the team (or as conversations); others are dropped, as in Mattermost. */
  private async ownChannels(userId: string, teamId: string, channelIds: readonly unknown[]): Promise<string[]> {
    const mine = new Set((await this.deps.store.channelMembers.listForUser(userId, { teamId, includeArchived: true })).map((m) => m.channel_id));
    return [...new Set(channelIds.filter((id): id is string => typeof id === 'string' && mine.has(id)))];
  }

  /** Mattermost's SessionHasPermissionToCategory. */
  private async ownsCategory(ctx: RequestContext, userId: string, teamId: string, categoryId: string): Promise<boolean> {
    if (this.deps.permissions.has(ctx, P.editOtherUsers)) return true;
    const category = await this.deps.store.sidebar.find(categoryId);
    return category !== undefined && category.user_id === ctx.session?.user_id && category.user_id === userId && category.team_id === teamId;
  }

  private async requireCategory(ctx: RequestContext, userId: string, teamId: string, categoryId: string, denied: () => AppError): Promise<SidebarCategoryWithChannels> {
    if (!(await this.ownsCategory(ctx, userId, teamId, categoryId))) throw denied();
    const category = await this.deps.store.sidebar.find(categoryId);
    if (!category) throw categoryError(404);
    return category;
  }
}

function placements(categoryId: string, channelIds: readonly string[]) {
  return channelIds.map((channelId, index) => ({ channelId, categoryId, sortOrder: index * SIDEBAR_SORT_DISTANCE }));
}

/** @throws AppError 400 category for an unknown sorting or an over-long name */
function validateCategoryFields(input: CategoryInput): void {
  if (input.sorting !== undefined && !CATEGORY_SORTINGS.includes(input.sorting)) throw AppError.invalidParam('category');
  if (input.display_name !== undefined && runeCount(input.display_name) > CATEGORY_DISPLAY_NAME_MAX_RUNES) throw AppError.invalidParam('category');
}
