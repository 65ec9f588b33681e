import type { WebSocket } from 'ws';
import type { Clock } from '../lib/clock.js';
import type { SessionRecord } from '../model/session.js';
import type { BroadcastMembership } from '../services/common/membership.js';
import { WebConn } from './web-conn.js';
import { PreparedEvent, type Broadcast, type OutboundEvent } from './websocket-event.js';

// Mattermost drops these to a connection that is falling behind rather than letting it choke.
const DROPPABLE_WHEN_SLOW: ReadonlySet<string> = new Set(['typing', 'status_change', 'multiple_channels_viewed']);

export interface HubLimits {
  /** How many sent events a connection keeps for a resume. */
  replayBufferSize: number;
  /** How long a connection without socket can still be resumed (clock milliseconds). */
  resumeWindowMs: number;
  /** Bytes waiting in a socket above which droppable events are skipped. */
  slowSocketBytes: number;
  /** Bytes waiting in a socket above which the socket is dropped (the client may resume). */
  maxSocketBytes: number;
}

export interface HubDeps {
  membership: BroadcastMembership;
  clock: Clock;
  limits: HubLimits;
  /** Whether session roles may read admin-only event data (manage_system). */
  isAdmin: (roles: string) => boolean;
  /** The hello event of a fresh (or restarted) connection. */
  helloFor(conn: WebConn): OutboundEvent;
  /** A user's number of open sockets on this node changed (`opened`: a socket was attached). */
  socketsChanged(userId: string, openSockets: number, opened: boolean): void;
  logError(message: string, error: unknown): void;
}

export interface ResumeRequest {
  connectionId: string;
  /** The next sequence number the client expects (its last one plus one). */
  sequence: number;
}

/**
 * Every connection of this node, and the one place events are delivered (Mattermost's hub). All
 * work runs in one queue, so each connection sees events in the order they were published and a
 * resume never races with a delivery.
 */
export class Hub {
  private readonly all = new Set<WebConn>();
  private readonly byUser = new Map<string, Set<WebConn>>();
  private readonly byId = new Map<string, WebConn>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HubDeps) {}

  /** Delivers events, each serialised once, to the connections their broadcasts select. */
  publish(events: readonly OutboundEvent[]): Promise<void> {
    return this.quietly(async () => {
      for (const event of events) await this.deliver(event);
    });
  }

  /**
   * Attaches an authenticated socket: to the connection it resumes, replaying what it missed, or
   * (unknown, expired, or events lost) to a fresh connection that starts with hello.
   */
  open(socket: WebSocket, session: SessionRecord, client: { ip: string; userAgent: string }, resume?: ResumeRequest): Promise<WebConn> {
    return this.run(() => {
      const previous = resume ? this.resumable(resume.connectionId, session.user_id) : undefined;
      if (previous && resume) {
        this.resume(previous, socket, session, resume.sequence);
        return previous;
      }
      const conn = new WebConn(session, client, this.deps.limits.replayBufferSize);
      conn.attach(socket, session);
      this.add(conn);
      conn.send(new PreparedEvent(this.deps.helloFor(conn)));
      this.deps.socketsChanged(conn.userId, this.openSockets(conn.userId), true);
      return conn;
    });
  }

  /** The socket went away: the connection stays, numbering and keeping events, for a resume. */
  socketClosed(conn: WebConn, socket: WebSocket): Promise<void> {
    return this.quietly(() => {
      if (conn.socket !== socket) return;
      conn.detach(this.deps.clock.now());
      if (this.byId.get(conn.connectionId) === conn) this.deps.socketsChanged(conn.userId, this.openSockets(conn.userId), false);
    });
  }

  /** Closes and forgets (no resume) the connections that match: revoked sessions, deactivated users. */
  closeWhere(match: (conn: WebConn) => boolean, code = 1000): Promise<void> {
    return this.quietly(() => {
      const users = new Set<string>();
      for (const conn of this.all) {
        if (!match(conn)) continue;
        const socket = conn.socket;
        this.remove(conn);
        conn.detach(this.deps.clock.now());
        socket?.close(code);
        users.add(conn.userId);
      }
      for (const userId of users) this.deps.socketsChanged(userId, this.openSockets(userId), false);
    });
  }

  /** Applies a change to every connection of a user, in order with deliveries. */
  updateUser(userId: string, change: (conn: WebConn) => void): Promise<void> {
    return this.quietly(() => {
      for (const conn of this.byUser.get(userId) ?? []) change(conn);
    });
  }

  /** Applies a change to every connection, in order with deliveries. */
  updateAll(change: (conn: WebConn) => void): Promise<void> {
    return this.quietly(() => {
      for (const conn of this.all) change(conn);
    });
  }

  /** Forgets connections whose socket has been gone longer than the resume window. */
  reapInactive(): Promise<void> {
    return this.quietly(() => {
      const now = this.deps.clock.now();
      for (const conn of this.all) if (this.isExpired(conn, now)) this.remove(conn);
    });
  }

  /** The sessions of all registered connections. */
  sessionIds(): string[] {
    return [...this.all].map((conn) => conn.session.id);
  }

  /** The connections with an open socket (for pings). */
  activeConnections(): WebConn[] {
    return [...this.all].filter((conn) => conn.isActive);
  }

  /** Resolves once everything queued so far has run. */
  settled(): Promise<void> {
    return this.quietly(() => undefined);
  }

  get size(): number {
    return this.all.size;
  }

  private resume(conn: WebConn, socket: WebSocket, session: SessionRecord, sequence: number): void {
    // The client may notice a dead socket before the server does: the new socket takes over.
    const stale = conn.socket;
    if (stale) {
      conn.detach(this.deps.clock.now());
      stale.terminate();
    }
    conn.attach(socket, session);
    const missed = conn.missedSince(sequence);
    if (missed) {
      for (const frame of missed) socket.send(frame);
    } else {
      // Events are gone: a new connection id and hello tell the client to fetch its state again.
      this.byId.delete(conn.connectionId);
      conn.restart();
      this.byId.set(conn.connectionId, conn);
      conn.send(new PreparedEvent(this.deps.helloFor(conn)));
    }
    this.deps.socketsChanged(conn.userId, this.openSockets(conn.userId), true);
  }

  private resumable(connectionId: string, userId: string): WebConn | undefined {
    const conn = this.byId.get(connectionId);
    if (!conn || conn.userId !== userId) return undefined;
    if (this.isExpired(conn, this.deps.clock.now())) {
      this.remove(conn);
      return undefined;
    }
    return conn;
  }

  private isExpired(conn: WebConn, now: number): boolean {
    return !conn.isActive && now - conn.inactiveSince > this.deps.limits.resumeWindowMs;
  }

  private async deliver(event: OutboundEvent): Promise<void> {
    const targets = await this.targets(event.broadcast);
    let prepared: PreparedEvent | undefined;
    const guests: WebConn[] = [];
    for (const conn of targets) {
      const verdict = this.verdict(conn, event);
      if (verdict === 'send') this.write(conn, (prepared ??= new PreparedEvent(event)));
      else if (verdict === 'ask') guests.push(conn);
    }
    for (const conn of guests) {
      if (await this.deps.membership.canSeeUser(conn.userId, event.subjectUserId ?? '')) this.write(conn, (prepared ??= new PreparedEvent(event)));
    }
  }

  private async targets(broadcast: Broadcast): Promise<Iterable<WebConn>> {
    if (broadcast.connection_id) {
      const conn = this.byId.get(broadcast.connection_id);
      return conn ? [conn] : [];
    }
    if (broadcast.user_id) return this.byUser.get(broadcast.user_id) ?? [];
    if (broadcast.channel_id) return this.connectionsOf(await this.deps.membership.channelMemberIds(broadcast.channel_id));
    if (broadcast.team_id) return this.connectionsOf(await this.deps.membership.teamMemberIds(broadcast.team_id));
    return this.all;
  }

  private connectionsOf(userIds: ReadonlySet<string>): WebConn[] {
    const out: WebConn[] = [];
    if (userIds.size > this.byUser.size) {
      for (const conn of this.all) if (userIds.has(conn.userId)) out.push(conn);
      return out;
    }
    for (const userId of userIds) for (const conn of this.byUser.get(userId) ?? []) out.push(conn);
    return out;
  }

  // Mattermost's ShouldSendEvent, in its order; channel and team membership were applied when the
  // targets were chosen. 'ask': a guest, who sees a user only when sharing a channel or team.
  private verdict(conn: WebConn, event: OutboundEvent): 'send' | 'skip' | 'ask' {
    const b = event.broadcast;
    const socket = conn.socket;
    if (socket && socket.bufferedAmount > this.deps.limits.slowSocketBytes && DROPPABLE_WHEN_SLOW.has(event.event)) return 'skip';
    if (b.contains_sanitized_data && conn.isAdmin(this.deps.isAdmin)) return 'skip';
    if (b.contains_sensitive_data && !conn.isAdmin(this.deps.isAdmin)) return 'skip';
    if (b.connection_id) return conn.connectionId === b.connection_id ? 'send' : 'skip';
    if (b.omit_connection_id && conn.connectionId === b.omit_connection_id) return 'skip';
    if (b.user_id) return conn.userId === b.user_id ? 'send' : 'skip';
    if (b.omit_users?.[conn.userId]) return 'skip';
    if (b.channel_id || b.team_id) return 'send';
    if (conn.isGuest && event.subjectUserId !== undefined) return 'ask';
    return 'send';
  }

  private write(conn: WebConn, event: PreparedEvent): void {
    conn.send(event);
    // A socket that cannot keep up is dropped; its connection keeps the events for a resume.
    const socket = conn.socket;
    if (socket && socket.bufferedAmount > this.deps.limits.maxSocketBytes) socket.terminate();
  }

  private openSockets(userId: string): number {
    let count = 0;
    for (const conn of this.byUser.get(userId) ?? []) if (conn.isActive) count += 1;
    return count;
  }

  private add(conn: WebConn): void {
    this.all.add(conn);
    this.byId.set(conn.connectionId, conn);
    let forUser = this.byUser.get(conn.userId);
    if (!forUser) this.byUser.set(conn.userId, (forUser = new Set()));
    forUser.add(conn);
  }

  private remove(conn: WebConn): void {
    this.all.delete(conn);
    if (this.byId.get(conn.connectionId) === conn) this.byId.delete(conn.connectionId);
    const forUser = this.byUser.get(conn.userId);
    forUser?.delete(conn);
    if (forUser?.size === 0) this.byUser.delete(conn.userId);
  }

  /** Queued work whose failure is logged and otherwise ignored (callers do not wait on it). */
  private quietly(task: () => void | Promise<void>): Promise<void> {
    return this.run(task).catch(() => undefined);
  }

  private run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.then(
      () => undefined,
      (error: unknown) => this.deps.logError('websocket hub task failed', error),
    );
    return result;
  }
}
