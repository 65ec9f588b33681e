import type { WebSocket } from 'ws';
import { newId } from '../model/ids.js';
import { SESSION_PROP_IS_GUEST, type SessionRecord } from '../model/session.js';
import type { RequestContext } from '../services/common/context.js';
import { ReplayBuffer } from './replay-buffer.js';
import type { PreparedEvent } from './websocket-event.js';

/** Set by the `presence` action; unset differs from an explicit empty value, as in Mattermost. */
export const UNSET_PRESENCE = '<>';

/**
 * One client connection as the hub sees it (Mattermost's WebConn). It outlives its socket: after a
 * disconnect it stays registered, numbering and keeping events, until the client resumes with its
 * connection id or the resume window passes.
 */
export class WebConn {
  connectionId = newId();
  /** Sequence number of the next event; the hello of a fresh connection is 0. */
  nextSeq = 0;
  socket: WebSocket | undefined;
  /** Clock time the socket went away (0 while one is attached). */
  inactiveSince = 0;
  /** Wall-clock time of the last pong, for the idle timeout. */
  lastPongAt = Date.now();
  activeChannelId = UNSET_PRESENCE;
  activeTeamId = UNSET_PRESENCE;
  activeThreadChannelId = UNSET_PRESENCE;
  activeThreadViewChannelId = UNSET_PRESENCE;
  private adminCache: boolean | undefined;
  private readonly buffer: ReplayBuffer;

  constructor(
    public session: SessionRecord,
    private readonly client: { ip: string; userAgent: string },
    bufferSize: number,
  ) {
    this.buffer = new ReplayBuffer(bufferSize);
  }

  get userId(): string {
    return this.session.user_id;
  }

  get isActive(): boolean {
    return this.socket !== undefined;
  }

  get isGuest(): boolean {
    return this.session.props[SESSION_PROP_IS_GUEST] === 'true';
  }

  /** Whether the session may read admin-only event data; cached until roles change. */
  isAdmin(decide: (roles: string) => boolean): boolean {
    this.adminCache ??= decide(this.session.roles);
    return this.adminCache;
  }

  forgetRoles(): void {
    this.adminCache = undefined;
  }

  setRoles(roles: string): void {
    this.session = { ...this.session, roles };
    this.adminCache = undefined;
  }

  /** Numbers the event, keeps it for a resume, and writes it when a socket is attached. */
  send(event: PreparedEvent): void {
    const seq = this.nextSeq++;
    this.buffer.push(event);
    this.socket?.send(event.frame(seq));
  }

  /** A reply to an action: not numbered and not kept (Mattermost keeps only events). */
  reply(text: string): void {
    this.socket?.send(text);
  }

  /** The frames a resuming client missed from `seq` on, or undefined when some are gone. */
  missedSince(seq: number): Buffer[] | undefined {
    return this.buffer.framesSince(seq, this.nextSeq);
  }

  /** After loss: a new identity and numbering, so the client knows to resynchronise. */
  restart(): void {
    this.connectionId = newId();
    this.nextSeq = 0;
    this.buffer.clear();
  }

  attach(socket: WebSocket, session: SessionRecord): void {
    this.socket = socket;
    this.session = session;
    this.adminCache = undefined;
    this.inactiveSince = 0;
    this.lastPongAt = Date.now();
  }

  detach(now: number): void {
    this.socket = undefined;
    this.inactiveSince = now;
  }

  /** The caller as services see it, for actions. */
  context(): RequestContext {
    return { requestId: newId(), ip: this.client.ip, userAgent: this.client.userAgent, session: this.session, isSystem: false };
  }
}
