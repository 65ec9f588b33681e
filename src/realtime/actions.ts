import type { Services } from '../services/services.js';
import { invalidWebSocketParam } from '../services/statuses/typing.service.js';
import { MATTERMOST_COMPAT_VERSION } from '../version.js';
import type { WebConn } from './web-conn.js';

/** One client action: its reply data, or undefined for a bare OK. Throws AppError to fail. */
export type ActionHandler = (conn: WebConn, data: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;

/**
 * The actions of an authenticated connection, as Mattermost's wsapi registers them. The
 * authentication challenge and `presence` are handled before these, by the socket itself.
 */
export function buildActionHandlers(services: Services, nodeId: string): ReadonlyMap<string, ActionHandler> {
  const { statuses, typing, clock } = services;
  return new Map<string, ActionHandler>([
    ['ping', async () => ({ text: 'pong', version: MATTERMOST_COMPAT_VERSION, server_time: clock.now(), node_id: nodeId })],
    [
      'user_typing',
      async (conn, data) => {
        await typing.publishUserTyping(conn.context(), data['channel_id'], data['parent_id']);
        return undefined;
      },
    ],
    ['get_statuses', async () => statuses.getAllStatuses()],
    [
      'get_statuses_by_ids',
      async (_conn, data) => {
        // Mattermost keeps the strings of the list and ignores anything else in it.
        const raw = data['user_ids'];
        const ids = Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string') : [];
        if (ids.length === 0) throw invalidWebSocketParam('user_ids');
        return statuses.getStatusesByIds(ids);
      },
    ],
    [
      'user_update_active_status',
      async (conn, data) => {
        const active = data['user_is_active'];
        if (typeof active !== 'boolean') throw invalidWebSocketParam('user_is_active');
        const manual = data['manual'] === true;
        if (active) await statuses.setStatusOnline(conn.userId, manual);
        else await statuses.setStatusAwayIfNeeded(conn.userId, manual);
        return undefined;
      },
    ],
    // Delivery acknowledgements only feed Mattermost's metrics.
    ['posted_notify_ack', async () => undefined],
  ]);
}
