import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken } from '../../lib/hash.js';
import { LruCache } from '../../lib/lru-cache.js';
import { newId } from '../../model/ids.js';
import {
  SESSION_PROP_CSRF,
  SESSION_PROP_IS_BOT,
  SESSION_PROP_TYPE,
  SESSION_TYPE_USER_ACCESS_TOKEN,
  type Session,
  type SessionRecord,
} from '../../model/session.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// How often a session's last-activity time is written back (Mattermost waits 5 minutes too).
const ACTIVITY_WRITE_INTERVAL = 5 * 60 * 1000;
// Personal access token sessions do not expire on their own (Mattermost uses 100 years).
const ACCESS_TOKEN_SESSION_HOURS = 100 * 365 * 24;

export interface NewSessionOptions {
  deviceId?: string;
  props?: Record<string, string>;
  isOAuth?: boolean;
  /** Overrides the configured length (OAuth tokens carry their own). */
  expiresInHours?: number;
  accessTokenId?: string;
}

/** Sessions: creation at login, token resolution on every request, revocation. */
export class SessionService {
  private readonly cache: LruCache<string, SessionRecord>;

  constructor(
    private readonly deps: { store: Store; config: LiveConfig; clock: Clock; bus: EventBus },
  ) {
    this.cache = new LruCache(50_000, deps.config.get().ServiceSettings.SessionCacheInMinutes * 60_000);
    deps.config.onChange((next) => this.cache.setTtl(next.ServiceSettings.SessionCacheInMinutes * 60_000));
    deps.bus.subscribe((e) => {
      if (e.type === 'session.revoked') for (const s of e.payload.sessions) this.cache.delete(s.tokenHash);
      if (e.type === 'user.roles_changed' || e.type === 'user.activation_changed' || e.type === 'user.deleted') {
        const userId = e.type === 'user.deleted' ? e.payload.userId : e.payload.user.id;
        this.cache.deleteWhere((s) => s.user_id === userId);
      }
    });
  }

  /** Creates a session for `user` and returns it with its bearer token (the only time the token exists in clear). */
  async createSession(tx: Store, user: UserRecord, options: NewSessionOptions = {}): Promise<{ session: SessionRecord; token: string }> {
    const now = this.deps.clock.now();
    const token = newId();
    const props: Record<string, string> = { ...options.props, [SESSION_PROP_CSRF]: newId() };
    if (user.is_bot) props[SESSION_PROP_IS_BOT] = 'true';
    if (user.roles.split(' ').includes('system_guest')) props['is_guest'] = 'true';
    else props['is_guest'] = 'false';
    const deviceId = options.deviceId ?? '';
    const hours = options.expiresInHours ?? this.lengthInHours(deviceId !== '', options.isOAuth ?? false);
    const session: SessionRecord = {
      id: newId(),
      token_hash: hashToken(token),
      create_at: now,
      expires_at: now + hours * HOUR,
      last_activity_at: now,
      user_id: user.id,
      device_id: deviceId,
      roles: user.roles,
      is_oauth: options.isOAuth ?? false,
      expired_notify: false,
      props,
      access_token_id: options.accessTokenId ?? '',
    };
    if (deviceId) {
      // One session per device: a new login from the same device replaces the old one (push routing).
      const replaced = await tx.sessions.deleteByDevice(user.id, deviceId);
      for (const r of replaced) this.cache.delete(r.token_hash);
    }
    await tx.sessions.insert(session);
    return { session, token };
  }

  /**
   * The live session for a bearer token, or undefined when the token is unknown, expired, idle too
   * long, or a personal access token that is disabled or no longer allowed.
   */
  async resolve(token: string): Promise<SessionRecord | undefined> {
    if (!token || token.length > 128) return undefined;
    const tokenHash = hashToken(token);
    const now = this.deps.clock.now();
    let session = this.cache.get(tokenHash, now);
    if (!session) {
      session = (await this.deps.store.sessions.findByTokenHash(tokenHash)) ?? (await this.sessionForAccessToken(tokenHash));
      if (!session) return undefined;
      this.cache.set(tokenHash, session, now);
    }
    if (!this.isValid(session, now)) {
      await this.revokeSessions(session.user_id, [session]);
      return undefined;
    }
    await this.recordActivity(session, now);
    return session;
  }

  async listForUser(userId: string): Promise<SessionRecord[]> {
    return this.deps.store.sessions.listForUser(userId);
  }

  async findById(id: string): Promise<SessionRecord | undefined> {
    return this.deps.store.sessions.findById(id);
  }

  /** Ends the given sessions now, on every node. */
  async revokeSessions(userId: string, sessions: ReadonlyArray<{ id: string; token_hash: string }>): Promise<void> {
    if (sessions.length === 0) return;
    for (const s of sessions) await this.deps.store.sessions.deleteById(s.id);
    this.announceRevoked(userId, sessions);
  }

  /** Ends every session of the user (deactivation, password change), optionally keeping one. */
  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<void> {
    const keys = (await this.deps.store.sessions.listKeysForUser(userId)).filter((k) => k.id !== exceptSessionId);
    if (keys.length === 0) return;
    await this.deps.store.sessions.deleteForUser(userId, exceptSessionId);
    this.announceRevoked(userId, keys);
  }

  /** Ends the sessions a personal access token opened. */
  async revokeForAccessToken(userId: string, accessTokenId: string): Promise<void> {
    const removed = await this.deps.store.sessions.deleteByAccessToken(accessTokenId);
    this.announceRevoked(userId, removed);
  }

  /** Binds a device id (push notifications) to a session and gives it the mobile session length. */
  async attachDevice(session: SessionRecord, deviceId: string): Promise<void> {
    const now = this.deps.clock.now();
    const replaced = (await this.deps.store.sessions.deleteByDevice(session.user_id, deviceId)).filter((r) => r.id !== session.id);
    const expiresAt = now + this.lengthInHours(true, session.is_oauth) * HOUR;
    await this.deps.store.sessions.updateDevice(session.id, deviceId, expiresAt);
    this.announceRevoked(session.user_id, [...replaced, session]);
  }

  /** Roles are copied into sessions at login; keep them in step when the user's roles change. */
  async updateRolesForUser(userId: string, roles: string): Promise<void> {
    await this.deps.store.sessions.updateRolesForUser(userId, roles);
    this.cache.deleteWhere((s) => s.user_id === userId);
  }

  /** Drops cached sessions of a user (their roles or state changed). */
  forgetUser(userId: string): void {
    this.cache.deleteWhere((s) => s.user_id === userId);
  }

  lengthInHours(isMobile: boolean, isOAuth: boolean): number {
    const settings = this.deps.config.get().ServiceSettings;
    if (isOAuth) return settings.SessionLengthSSOInHours;
    return isMobile ? settings.SessionLengthMobileInHours : settings.SessionLengthWebInHours;
  }

  private announceRevoked(userId: string, sessions: ReadonlyArray<{ id: string; token_hash: string }>): void {
    if (sessions.length === 0) return;
    for (const s of sessions) this.cache.delete(s.token_hash);
    this.deps.bus.publish([event('session.revoked', { userId, sessions: sessions.map((s) => ({ id: s.id, tokenHash: s.token_hash })) })]);
  }

  private isValid(session: SessionRecord, now: number): boolean {
    if (session.expires_at !== 0 && session.expires_at < now) return false;
    const settings = this.deps.config.get().ServiceSettings;
    const isAccessToken = session.props[SESSION_PROP_TYPE] === SESSION_TYPE_USER_ACCESS_TOKEN;
    // Bot tokens keep working with personal access tokens switched off, as in Mattermost.
    if (isAccessToken && !settings.EnableUserAccessTokens && session.props[SESSION_PROP_IS_BOT] !== 'true') return false;
    const idleMinutes = settings.SessionIdleTimeoutInMinutes;
    if (idleMinutes > 0 && !isAccessToken && !session.is_oauth && session.device_id === '') {
      if (now - session.last_activity_at > idleMinutes * 60_000) return false;
    }
    return true;
  }

  private async recordActivity(session: SessionRecord, now: number): Promise<void> {
    const settings = this.deps.config.get().ServiceSettings;
    const isAccessToken = session.props[SESSION_PROP_TYPE] === SESSION_TYPE_USER_ACCESS_TOKEN;
    let expiresAt = session.expires_at;
    if (settings.ExtendSessionLengthWithActivity && !isAccessToken && session.expires_at !== 0) {
      const length = this.lengthInHours(session.device_id !== '', session.is_oauth) * HOUR;
      const threshold = Math.min(length * 0.01, DAY);
      if (session.expires_at - now < length - threshold) expiresAt = now + length;
    }
    if (expiresAt === session.expires_at && now - session.last_activity_at < ACTIVITY_WRITE_INTERVAL) return;
    session.last_activity_at = now;
    session.expires_at = expiresAt;
    await this.deps.store.sessions.updateActivity(session.id, now, expiresAt);
  }

  private async sessionForAccessToken(tokenHash: string): Promise<SessionRecord | undefined> {
    const token = await this.deps.store.accessTokens.findByTokenHash(tokenHash);
    if (!token || !token.is_active) return undefined;
    const now = this.deps.clock.now();
    if (token.expires_at > 0 && token.expires_at <= now) return undefined;
    const user = await this.deps.store.users.findById(token.user_id);
    if (!user || user.delete_at !== 0) return undefined;
    if (!this.deps.config.get().ServiceSettings.EnableUserAccessTokens && !user.is_bot) return undefined;
    const props: Record<string, string> = {
      [SESSION_PROP_TYPE]: SESSION_TYPE_USER_ACCESS_TOKEN,
      user_access_token_id: token.id,
      [SESSION_PROP_CSRF]: newId(),
      is_guest: user.roles.split(' ').includes('system_guest') ? 'true' : 'false',
    };
    if (user.is_bot) props[SESSION_PROP_IS_BOT] = 'true';
    const session: SessionRecord = {
      id: newId(),
      token_hash: tokenHash,
      create_at: now,
      // A token with its own expiry ends its session then, cached or not.
      expires_at: token.expires_at > 0 ? Math.min(token.expires_at, now + ACCESS_TOKEN_SESSION_HOURS * HOUR) : now + ACCESS_TOKEN_SESSION_HOURS * HOUR,
      last_activity_at: now,
      user_id: user.id,
      device_id: '',
      roles: user.roles,
      is_oauth: false,
      expired_notify: false,
      props,
      access_token_id: token.id,
    };
    try {
      await this.deps.store.sessions.insert(session);
    } catch {
      // Two requests with a fresh token raced; the other insert won, use its row.
      return this.deps.store.sessions.findByTokenHash(tokenHash);
    }
    return session;
  }
}

/** A session as the API shows it: never with a token (Mattermost blanks it), never the hash. */
export function toWireSession(session: SessionRecord): Session {
  return {
    id: session.id,
    token: '',
    create_at: session.create_at,
    expires_at: session.expires_at,
    last_activity_at: session.last_activity_at,
    user_id: session.user_id,
    device_id: session.device_id,
    roles: session.roles,
    is_oauth: session.is_oauth,
    expired_notify: session.expired_notify,
    props: session.props,
    local: false,
  };
}
