import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import {
  CUSTOM_STATUS_PROP,
  addRecentCustomStatus,
  isCustomStatusTimingValid,
  parseCustomStatus,
  parseRecentCustomStatuses,
  prepareCustomStatus,
  sameCustomStatus,
  serialiseCustomStatus,
  serialiseRecentCustomStatuses,
  type CustomStatus,
} from '../../model/custom-status.js';
import { PREFERENCE_CATEGORY, PREFERENCE_NAME } from '../../model/preference.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { PreferenceService } from '../preferences/preference.service.js';
import type { UserService } from '../users/user.service.js';

const RECENT_DELETE_ERROR = 'api.custom_status.recent_custom_statuses.delete.app_error';
const RECENT = { category: PREFERENCE_CATEGORY.customStatus, name: PREFERENCE_NAME.recentCustomStatuses } as const;

/**
 * Custom statuses (emoji, text, expiry) kept, as in Mattermost, in the user prop `customStatus`;
 * setting one also remembers it among the user's five most recent ones, in the preference
 * custom_status / recent_custom_statuses.
 */
export class CustomStatusService {
  constructor(private readonly deps: { config: LiveConfig; clock: Clock; permissions: Permissions; users: UserService; preferences: PreferenceService }) {}

  /**
   * PUT /users/{user_id}/status/custom.
   * @throws AppError 501 api.custom_status.disabled, 400 custom_status, 403 edit_other_users
   */
  async updateCustomStatus(ctx: RequestContext, userId: string, body: unknown): Promise<void> {
    this.requireEnabled();
    const now = this.deps.clock.now();
    const status = parseCustomStatus(body);
    if (!status || (status.emoji === '' && status.text === '') || !isCustomStatusTimingValid(status, now)) {
      throw AppError.invalidParam('custom_status');
    }
    this.deps.permissions.requireActOnUser(ctx, userId);
    const prepared = prepareCustomStatus(status, now);
    await this.deps.users.setProps(userId, (props) => ({ ...props, [CUSTOM_STATUS_PROP]: serialiseCustomStatus(prepared) }));
    await this.rememberRecent(userId, prepared);
  }

  /**
   * DELETE /users/{user_id}/status/custom: the prop stays, emptied, as Mattermost leaves it.
   * @throws AppError 501, 403
   */
  async removeCustomStatus(ctx: RequestContext, userId: string): Promise<void> {
    this.requireEnabled();
    this.deps.permissions.requireActOnUser(ctx, userId);
    await this.deps.users.setProps(userId, (props) => ({ ...props, [CUSTOM_STATUS_PROP]: '' }));
  }

  /**
   * POST /users/{user_id}/status/custom/recent/delete (and the DELETE form): forgets one recent status.
   * @throws AppError 501, 400 recent_custom_status, 403, 400 app.preference.get.app_error (no recent
   *   statuses yet), 400 api.unmarshal_error, 400 delete.app_error (not among the recent ones)
   */
  async removeRecentCustomStatus(ctx: RequestContext, userId: string, body: unknown): Promise<void> {
    this.requireEnabled();
    const status = parseCustomStatus(body);
    if (!status) throw AppError.invalidParam('recent_custom_status');
    this.deps.permissions.requireActOnUser(ctx, userId);
    const stored = await this.deps.preferences.requirePreference(userId, RECENT.category, RECENT.name);
    if (stored.value === '') throw AppError.badRequest(RECENT_DELETE_ERROR);
    const recent = parseRecentCustomStatuses(stored.value);
    if (!recent) throw AppError.badRequest('api.unmarshal_error', 'recent custom statuses are not a list');
    const isEmpty = status.emoji === '' && status.text === '';
    if (isEmpty || !recent.some((s) => sameCustomStatus(s, status))) throw AppError.badRequest(RECENT_DELETE_ERROR);
    await this.saveRecent(userId, recent.filter((s) => !sameCustomStatus(s, status)));
  }

  /** Puts the status first among the recent ones; an unreadable stored list is left alone, as Mattermost only logs it. */
  private async rememberRecent(userId: string, status: CustomStatus): Promise<void> {
    const stored = await this.deps.preferences.findPreference(userId, RECENT.category, RECENT.name);
    const recent = !stored || stored.value === '' ? [] : parseRecentCustomStatuses(stored.value);
    if (!recent) return;
    await this.saveRecent(userId, addRecentCustomStatus(recent, status));
  }

  private saveRecent(userId: string, statuses: readonly CustomStatus[]): Promise<void> {
    return this.deps.preferences.savePreferences(userId, [{ user_id: userId, ...RECENT, value: serialiseRecentCustomStatuses(statuses) }]);
  }

  private requireEnabled(): void {
    if (!this.deps.config.get().TeamSettings.EnableCustomUserStatuses) throw AppError.notImplemented('api.custom_status.disabled');
  }
}
