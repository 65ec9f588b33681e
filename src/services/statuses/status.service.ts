import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Clock } from '../../lib/clock.js';
import { KeyedQueue } from '../../lib/keyed-queue.js';
import { LruCache } from '../../lib/lru-cache.js';
import { AppError } from '../../model/app-error.js';
import {
  STATUS_AWAY,
  STATUS_DND,
  STATUS_MIN_UPDATE_TIME_MS,
  STATUS_OFFLINE,
  STATUS_ONLINE,
  offlineStatus,
  toWireStatus,
  type Status,
  type StatusRecord,
} from '../../model/status.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';

export interface StatusServiceDeps {
  store: Store;
  config: LiveConfig;
  clock: Clock;
  bus: EventBus;
  permissions: Permissions;
}

/** The body of PUT /users/{user_id}/status as Mattermost decodes it. */
export interface StatusUpdate {
  user_id?: unknown;
  status?: unknown;
  dnd_end_time?: unknown;
}

const CACHE_TTL_MS = 60 * 60_000;

/**
 * Presence: online, away, do not disturb and offline, manual or automatic, with Mattermost's rules
 * (a manual status wins over automatic changes; "online" is never manual). Statuses are stored,
 * cached per node, and every change is published as `status.changed` so that other nodes' caches
 * and the user's clients follow.
 */
export class StatusService {
  private readonly cache = new LruCache<string, StatusRecord>(50_000, CACHE_TTL_MS);
  // One change at a time per user: each reads the status the previous one wrote.
  private readonly changes = new KeyedQueue();

  constructor(private readonly deps: StatusServiceDeps) {
    deps.bus.subscribe((e) => {
      if (e.type === 'status.changed') this.cache.set(e.payload.status.user_id, { ...e.payload.status }, deps.clock.now());
      if (e.type === 'user.deleted') this.cache.delete(e.payload.userId);
    });
    // Done once, by the node where the deactivation happened (Mattermost's userDeactivated).
    deps.bus.subscribeLocal((e) => {
      if (e.type === 'user.activation_changed' && e.payload.user.delete_at !== 0) {
        this.setStatusOffline(e.payload.user.id, false).catch((error: unknown) => process.emitWarning(`status: ${String(error)}`));
      }
    });
  }

  /** The stored status, or undefined for a user never seen (callers treat that as offline). */
  async getStatus(userId: string): Promise<StatusRecord | undefined> {
    const cached = this.cache.get(userId, this.deps.clock.now());
    if (cached) return { ...cached };
    const stored = await this.deps.store.statuses.findById(userId);
    if (stored) this.cache.set(userId, stored, this.deps.clock.now());
    return stored ? { ...stored } : undefined;
  }

  /** GET /users/{id}/status and POST /users/status/ids: unknown users are reported offline. */
  async getUserStatusesByIds(userIds: readonly string[]): Promise<Status[]> {
    if (!this.enabled()) return [];
    const found = await this.lookup(userIds);
    return userIds.map((id) => toWireStatus(found.get(id) ?? offlineStatus(id)));
  }

  /** The get_statuses_by_ids action: user id to status name. */
  async getStatusesByIds(userIds: readonly string[]): Promise<Record<string, string>> {
    if (!this.enabled()) return {};
    const found = await this.lookup(userIds);
    return Object.fromEntries(userIds.map((id) => [id, found.get(id)?.status ?? STATUS_OFFLINE]));
  }

  /** The get_statuses action: every user who is not offline. */
  async getAllStatuses(): Promise<Record<string, string>> {
    if (!this.enabled()) return {};
    const rows = await this.deps.store.statuses.listNotOffline();
    return Object.fromEntries(rows.map((s) => [s.user_id, s.status]));
  }

  /**
   * PUT /users/{user_id}/status: a manual status (online, away, offline, or dnd until
   * `dnd_end_time` seconds).
   * @throws AppError 400 invalid user_id or status, 403 edit_other_users, 404 when statuses are off
   */
  async updateUserStatus(ctx: RequestContext, userId: string, update: StatusUpdate): Promise<Status> {
    if (update.user_id !== userId) throw AppError.invalidParam('user_id');
    this.deps.permissions.requireActOnUser(ctx, userId);
    switch (update.status) {
      case STATUS_ONLINE:
        await this.setStatusOnline(userId, true);
        break;
      case STATUS_OFFLINE:
        await this.setStatusOffline(userId, true);
        break;
      case STATUS_AWAY:
        await this.setStatusAwayIfNeeded(userId, true);
        break;
      case STATUS_DND:
        await this.setStatusDoNotDisturbTimed(userId, typeof update.dnd_end_time === 'number' ? update.dnd_end_time : 0);
        break;
      default:
        throw AppError.invalidParam('status');
    }
    const [status] = await this.getUserStatusesByIds([userId]);
    if (!status) throw AppError.notFound('api.status.user_not_found.app_error');
    return status;
  }

  /** Mattermost's SetStatusOnline: activity (or a manual choice) makes the user online. */
  setStatusOnline(userId: string, manual: boolean): Promise<void> {
    return this.changes.run(userId, async () => {
      if (!this.enabled()) return;
      const now = this.deps.clock.now();
      const current = await this.getStatus(userId);
      if (current?.manual && !manual) return;
      const next: StatusRecord = { ...(current ?? offlineStatus(userId)), status: STATUS_ONLINE, manual: false, last_activity_at: now };
      const changed = current?.status !== STATUS_ONLINE;
      const worthWriting =
        !current || current.status !== next.status || current.manual !== next.manual || now - current.last_activity_at > STATUS_MIN_UPDATE_TIME_MS;
      if (worthWriting) {
        if (changed) await this.deps.store.statuses.upsert(next);
        else await this.deps.store.statuses.updateLastActivityAt(userId, now);
      }
      this.publish(next, changed);
    });
  }

  /** Mattermost's SetStatusOffline: no connection left, or chosen by the user. */
  setStatusOffline(userId: string, manual: boolean): Promise<void> {
    return this.changes.run(userId, async () => {
      if (!this.enabled()) return;
      const current = await this.getStatus(userId);
      if (current?.manual && !manual) return;
      await this.saveAndPublish({ ...offlineStatus(userId), manual, last_activity_at: this.deps.clock.now() });
    });
  }

  /** Mattermost's SetStatusAwayIfNeeded: automatic away only after UserStatusAwayTimeout idle. */
  setStatusAwayIfNeeded(userId: string, manual: boolean): Promise<void> {
    return this.changes.run(userId, async () => {
      if (!this.enabled()) return;
      const status = (await this.getStatus(userId)) ?? { ...offlineStatus(userId), manual };
      if (!manual && status.manual) return;
      if (!manual && (status.status === STATUS_AWAY || !this.isUserAway(status.last_activity_at))) return;
      await this.saveAndPublish({ ...status, status: STATUS_AWAY, manual });
    });
  }

  /** Do not disturb until `endTimeSeconds` (0: until changed), remembering the status to return to. */
  setStatusDoNotDisturbTimed(userId: string, endTimeSeconds: number): Promise<void> {
    return this.changes.run(userId, async () => {
      if (!this.enabled()) return;
      const status = (await this.getStatus(userId)) ?? offlineStatus(userId);
      // Cut to the minute the expiry job runs on, as Mattermost does.
      const end = endTimeSeconds > 0 ? endTimeSeconds - (endTimeSeconds % 60) : 0;
      await this.saveAndPublish({ ...status, prev_status: status.status, status: STATUS_DND, manual: true, dnd_end_time: end });
    });
  }

  /** The DND expiry job: timed DND statuses whose end has come return to the previous status. */
  async expireDndStatuses(): Promise<void> {
    const expired = await this.deps.store.statuses.expireDnd(Math.floor(this.deps.clock.now() / 1000));
    for (const status of expired) this.publish(status, true);
  }

  isUserAway(lastActivityAt: number): boolean {
    return this.deps.clock.now() - lastActivityAt >= this.deps.config.get().TeamSettings.UserStatusAwayTimeout * 1000;
  }

  private enabled(): boolean {
    return this.deps.config.get().ServiceSettings.EnableUserStatuses;
  }

  private async lookup(userIds: readonly string[]): Promise<Map<string, StatusRecord>> {
    const now = this.deps.clock.now();
    const found = new Map<string, StatusRecord>();
    const missing: string[] = [];
    for (const id of userIds) {
      const cached = this.cache.get(id, now);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    for (const row of await this.deps.store.statuses.findByIds(missing)) {
      this.cache.set(row.user_id, row, now);
      found.set(row.user_id, row);
    }
    return found;
  }

  private async saveAndPublish(status: StatusRecord): Promise<void> {
    await this.deps.store.statuses.upsert(status);
    this.publish(status, true);
  }

  // Every change goes through the bus, so the cache here and on other nodes follows; only real
  // changes are announced to clients.
  private publish(status: StatusRecord, notify: boolean): void {
    this.deps.bus.publish([event('status.changed', { status: { ...status }, notify })]);
  }
}
