import type { Clock } from '../../lib/clock.js';
import { newId } from '../../model/ids.js';
import type { Audit } from '../../model/session.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';

/** The per-user audit trail Mattermost keeps (logins, logouts, password and role changes...). */
export class AuditService {
  constructor(private readonly deps: { store: Store; clock: Clock; permissions: Permissions }) {}

  /** Records an action; never fails the caller's request (an audit row is not worth an error). */
  async record(ctx: RequestContext, userId: string, action: string, extraInfo = ''): Promise<void> {
    try {
      await this.deps.store.audits.insert({
        id: newId(),
        create_at: this.deps.clock.now(),
        user_id: userId,
        action: action.slice(0, 512),
        extra_info: extraInfo.slice(0, 1024),
        ip_address: ctx.ip.slice(0, 64),
        session_id: ctx.session?.id ?? '',
      });
    } catch {
      // Losing an audit row is preferable to failing a login.
    }
  }

  /**
   * GET /users/{id}/audits, newest first.
   * @throws AppError 403 unless the caller is the user or may edit them (admins only by admins)
   */
  async listForUser(ctx: RequestContext, userId: string, page: number, perPage: number): Promise<Audit[]> {
    await this.deps.permissions.requirePermissionToUser(ctx, userId);
    return this.deps.store.audits.list(userId, page * perPage, perPage);
  }
}
