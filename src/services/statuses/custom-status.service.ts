import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import {
  CUSTOM_STATUS_PROP,
  addRecentCustomStatus,
  isCustomStatusTimingValid,
  parseCustomStatus,
  prepareCustomStatus,
  sameCustomStatus,
  serialiseCustomStatus,
} from '../../model/custom-status.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UserService } from '../users/user.service.js';

const RECENT_DELETE_ERROR = 'api.custom_status.recent_custom_statuses.delete.app_error';

/**
 * Custom statuses (emoji, text, expiry) kept, as in Mattermost, in the user prop `customStatus`;
 * setting one also remembers it among the user's five most recent ones.
 */
export class CustomStatusService {
  constructor(private readonly deps: { store: Store; config: LiveConfig; clock: Clock; permissions: Permissions; users: UserService }) {}

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
    const recent = await this.deps.store.statuses.findRecentCustomStatuses(userId);
    await this.deps.store.statuses.saveRecentCustomStatuses(userId, addRecentCustomStatus(recent, prepared));
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
   * @throws AppError 501, 400 recent_custom_status or not among the recent ones, 403
   */
  async removeRecentCustomStatus(ctx: RequestContext, userId: string, body: unknown): Promise<void> {
    this.requireEnabled();
    const status = parseCustomStatus(body);
    if (!status) throw AppError.invalidParam('recent_custom_status');
    this.deps.permissions.requireActOnUser(ctx, userId);
    const recent = await this.deps.store.statuses.findRecentCustomStatuses(userId);
    const isEmpty = status.emoji === '' && status.text === '';
    if (isEmpty || !recent.some((s) => sameCustomStatus(s, status))) throw AppError.badRequest(RECENT_DELETE_ERROR);
    await this.deps.store.statuses.saveRecentCustomStatuses(userId, recent.filter((s) => !sameCustomStatus(s, status)));
  }

  private requireEnabled(): void {
    if (!this.deps.config.get().TeamSettings.EnableCustomUserStatuses) throw AppError.notImplemented('api.custom_status.disabled');
  }
}
