import { hostname } from 'node:os';
import type { Server } from 'node:http';
import type { DomainEvent } from '../events/domain-events.js';
import { KeyedQueue } from '../lib/keyed-queue.js';
import { P } from '../model/permissions.js';
import type { BroadcastMembership } from '../services/common/membership.js';
import type { Services } from '../services/services.js';
import { buildActionHandlers } from './actions.js';
import { mapDomainEvent, type MapperContext } from './event-mapper.js';
import { Hub } from './hub.js';
import { singleNodePresence, type PresenceDirectory } from './presence.js';
import type { WebConn } from './web-conn.js';
import { WebSocketEndpoint } from './websocket-endpoint.js';
import { broadcastTo, type OutboundEvent } from './websocket-event.js';

/** Timings and sizes of the WebSocket layer; the defaults are Mattermost's where it has them. */
export interface RealtimeOptions {
  /** Server pings every connection this often (Mattermost: 60 s). */
  pingIntervalMs: number;
  /** A connection without pong for this long is dropped (Mattermost: 100 s). */
  pongTimeoutMs: number;
  /** An unauthenticated socket is closed after this long (Mattermost: 5 s). */
  authTimeoutMs: number;
  /** A connection without socket can be resumed this long (Mattermost reaps after 5 minutes). */
  resumeWindowMs: number;
  /** Events kept per connection for a resume (Mattermost: 128 sent plus 256 queued). */
  replayBufferSize: number;
  /** Largest client frame (Mattermost: 8 KiB). */
  maxFrameBytes: number;
  slowSocketBytes: number;
  maxSocketBytes: number;
}

export const REALTIME_DEFAULTS: RealtimeOptions = {
  pingIntervalMs: 60_000,
  pongTimeoutMs: 100_000,
  authTimeoutMs: 5_000,
  resumeWindowMs: 5 * 60_000,
  replayBufferSize: 512,
  maxFrameBytes: 8 * 1024,
  slowSocketBytes: 1024 * 1024,
  maxSocketBytes: 16 * 1024 * 1024,
};

export interface RealtimeLogger {
  error(details: object, message: string): void;
}

export interface RealtimeDeps {
  services: Services;
  /** Channel and team memberships for channel and team broadcasts (none until channels exist). */
  membership: BroadcastMembership;
  /** Sockets of users on other nodes (a single node needs none). */
  presence?: PresenceDirectory;
  /** This node's id in a cluster ('' alone), reported by the ping action. */
  nodeId?: string;
  logger: RealtimeLogger;
  options?: Partial<RealtimeOptions>;
}

/**
 * The WebSocket side of the server: maps domain events to Mattermost events and delivers them,
 * accepts sockets, keeps statuses in step with connections, closes sockets of revoked sessions and
 * deactivated users, pings, and forgets connections whose resume window has passed.
 */
export class Realtime {
  readonly hub: Hub;
  readonly options: RealtimeOptions;
  private readonly endpoint: WebSocketEndpoint;
  private readonly presence: PresenceDirectory;
  private readonly presenceWork = new KeyedQueue();
  private readonly mapperContext: MapperContext;
  private readonly unsubscribe: () => void;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: RealtimeDeps) {
    const { services } = deps;
    this.options = { ...REALTIME_DEFAULTS, ...deps.options };
    this.presence = deps.presence ?? singleNodePresence;
    const logError = (message: string, error: unknown): void => deps.logger.error({ err: error }, message);
    this.hub = new Hub({
      membership: deps.membership,
      clock: services.clock,
      limits: this.options,
      isAdmin: (roles) => services.permissions.rolesGrant(roles.split(' ').filter(Boolean), P.manageSystem),
      helloFor: (conn) => this.hello(conn),
      socketsChanged: (userId, open, opened) => this.socketsChanged(userId, open, opened),
      logError,
    });
    this.endpoint = new WebSocketEndpoint({
      hub: this.hub,
      config: services.config,
      sessions: services.sessions,
      statuses: services.statuses,
      clock: services.clock,
      actions: buildActionHandlers(services, deps.nodeId ?? ''),
      authTimeoutMs: this.options.authTimeoutMs,
      maxFrameBytes: this.options.maxFrameBytes,
      logError,
    });
    this.mapperContext = {
      config: () => services.config.get(),
      clientConfig: () => services.system.clientConfigForUsers(),
      role: (name) => services.roles.get(name),
    };
    this.unsubscribe = services.bus.subscribe((e) => this.onDomainEvent(e));
  }

  /** Serves /api/v4/websocket on the HTTP server and starts the ping and reaper timers. */
  attach(server: Server): void {
    this.endpoint.attach(server);
    this.every(this.options.pingIntervalMs, () => this.pingAll());
    this.every(Math.min(this.options.resumeWindowMs, 60_000), () => void this.hub.reapInactive());
  }

  /** Resolves once every event and status change queued so far has been handled. */
  async settled(): Promise<void> {
    await this.hub.settled();
    await this.presenceWork.idle();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const timer of this.timers) clearInterval(timer);
    await this.endpoint.close();
    await this.settled();
  }

  private onDomainEvent(e: DomainEvent): void {
    const outbound = mapDomainEvent(e, this.mapperContext);
    if (outbound.length > 0) void this.hub.publish(outbound);
    switch (e.type) {
      case 'session.revoked':
        this.endSessions(e.payload.sessions.map((s) => s.id)).catch((error: unknown) => this.deps.logger.error({ err: error }, 'closing sockets failed'));
        break;
      case 'user.activation_changed':
        if (e.payload.user.delete_at !== 0) void this.hub.closeWhere((conn) => conn.userId === e.payload.user.id);
        break;
      case 'user.deleted':
        void this.hub.closeWhere((conn) => conn.userId === e.payload.userId);
        break;
      case 'user.roles_changed':
        void this.hub.updateUser(e.payload.user.id, (conn) => conn.setRoles(e.payload.user.roles));
        break;
      case 'role.updated':
        void this.hub.updateAll((conn) => conn.forgetRoles());
        break;
      default:
        break;
    }
  }

  // Attaching a device re-announces a session that lives on (so that caches refresh it): only the
  // sessions really gone close their sockets.
  private async endSessions(sessionIds: readonly string[]): Promise<void> {
    const connected = new Set(this.hub.sessionIds());
    const ended = new Set<string>();
    for (const id of sessionIds) if (connected.has(id) && !(await this.deps.services.sessions.findById(id))) ended.add(id);
    if (ended.size > 0) await this.hub.closeWhere((conn) => ended.has(conn.session.id));
  }

  private hello(conn: WebConn): OutboundEvent {
    return {
      event: 'hello',
      data: { server_version: this.deps.services.system.versionId(), connection_id: conn.connectionId, server_hostname: hostname() },
      broadcast: broadcastTo({ user_id: conn.userId }),
    };
  }

  // A new socket makes the user online; the last socket anywhere makes them offline. Per user in
  // order, so a quick reconnect cannot end offline; "online" is asked for before anything is
  // awaited, so the status queue has it ahead of any away check from this socket's pongs.
  private socketsChanged(userId: string, openHere: number, opened: boolean): void {
    const { statuses } = this.deps.services;
    const logFailure = (error: unknown): void => this.deps.logger.error({ err: error }, 'status update failed');
    const online = opened ? statuses.setStatusOnline(userId, false).catch(logFailure) : undefined;
    this.presenceWork
      .run(userId, async () => {
        await online;
        await this.presence.setLocalCount(userId, openHere);
        if (!opened && openHere === 0 && (await this.presence.countElsewhere(userId)) === 0) await statuses.setStatusOffline(userId, false);
      })
      .catch(logFailure);
  }

  private pingAll(): void {
    const now = Date.now();
    const clockNow = this.deps.services.clock.now();
    for (const conn of this.hub.activeConnections()) {
      const socket = conn.socket;
      if (!socket) continue;
      if (now - conn.lastPongAt > this.options.pongTimeoutMs) socket.terminate();
      else socket.ping();
    }
    // Sessions that ran out while connected end their sockets too.
    void this.hub.closeWhere((conn) => conn.session.expires_at !== 0 && conn.session.expires_at < clockNow);
  }

  private every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
