import { WebSocket, type RawData } from 'ws';
import { AppError, isAppError } from '../model/app-error.js';
import type { SessionRecord } from '../model/session.js';
import type { SessionService } from '../services/auth/session.service.js';
import type { StatusService } from '../services/statuses/status.service.js';
import type { Clock } from '../lib/clock.js';
import type { ActionHandler } from './actions.js';
import type { Hub, ResumeRequest } from './hub.js';
import type { WebConn } from './web-conn.js';
import { errorResponse, okResponse } from './websocket-event.js';

export interface ClientSocketDeps {
  hub: Hub;
  sessions: SessionService;
  statuses: StatusService;
  clock: Clock;
  actions: ReadonlyMap<string, ActionHandler>;
  /** How long a socket may stay unauthenticated before it is closed. */
  authTimeoutMs: number;
  logError(message: string, error: unknown): void;
}

/** A client request as Mattermost decodes it (WebSocketRequest). */
export interface WebSocketRequest {
  seq: number;
  action: string;
  data: Record<string, unknown>;
}

// Close codes: 1003 for a frame that is not a request, 1008 for a refused or missing authentication.
const CLOSE_UNREADABLE = 1003;
const CLOSE_UNAUTHENTICATED = 1008;
// Actions for server plugins; Parley has none, so they are dropped without a reply, like Mattermost.
const PLUGIN_ACTION_PREFIX = 'custom_';

/**
 * Reads a frame the way Mattermost decodes a request: JSON with `seq` (integer), `action`
 * (string) and `data` (object) when present. Undefined means unreadable, and the socket is closed.
 */
export function parseRequest(frame: string): WebSocketRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { seq = 0, action = '', data = null } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || typeof action !== 'string') return undefined;
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) return undefined;
  return { seq, action, data: (data ?? {}) as Record<string, unknown> };
}

/**
 * One socket's side of the protocol: authentication (at upgrade or by challenge), the routing of
 * requests in Mattermost's order, and their replies. Requests are handled one at a time, so replies
 * come back in order.
 */
export class ClientSocket {
  private conn: WebConn | undefined;
  private authTimer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly client: { ip: string; userAgent: string },
    private readonly resume: ResumeRequest | undefined,
    private readonly deps: ClientSocketDeps,
  ) {
    ws.on('message', (data: RawData) => this.queue(() => this.onFrame(data)));
    ws.on('pong', () => this.onPong());
    ws.on('close', () => this.onClose());
    // Errors (bad frames, oversized frames, resets) end in 'close'; nothing else to do here.
    ws.on('error', () => undefined);
  }

  /** Authenticated at upgrade (cookie or header): registers at once. */
  start(session: SessionRecord | undefined): void {
    if (session) {
      this.queue(() => this.authenticate(session));
      return;
    }
    this.authTimer = setTimeout(() => {
      if (!this.conn) this.ws.close(CLOSE_UNAUTHENTICATED);
    }, this.deps.authTimeoutMs);
    this.authTimer.unref();
  }

  private queue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => this.deps.logError('websocket request failed', error));
  }

  private async authenticate(session: SessionRecord): Promise<void> {
    clearTimeout(this.authTimer);
    const conn = await this.deps.hub.open(this.ws, session, this.client, this.resume).catch((error: unknown) => {
      this.ws.close(1011);
      throw error;
    });
    this.conn = conn;
    // The socket may have closed while the hub was registering it.
    if (this.ws.readyState !== WebSocket.OPEN) await this.deps.hub.socketClosed(conn, this.ws);
  }

  private async onFrame(data: RawData): Promise<void> {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const request = parseRequest(bytes.toString('utf8'));
    if (!request) {
      this.ws.close(CLOSE_UNREADABLE);
      return;
    }
    if (request.action.startsWith(PLUGIN_ACTION_PREFIX)) return;
    if (request.action === '') return this.fail(request, new AppError('api.web_socket_router.no_action.app_error', 400));
    if (request.seq <= 0) return this.fail(request, new AppError('api.web_socket_router.bad_seq.app_error', 400));
    if (request.action === 'authentication_challenge') return this.challenge(request);
    if (request.action === 'presence') return this.presence(request);
    const conn = this.conn;
    if (!conn || this.isExpired(conn)) return this.fail(request, new AppError('api.web_socket_router.not_authenticated.app_error', 401));
    const handler = this.deps.actions.get(request.action);
    if (!handler) return this.fail(request, new AppError('api.web_socket_router.bad_action.app_error', 500));
    try {
      this.send(okResponse(request.seq, await handler(conn, request.data)));
    } catch (error) {
      if (!isAppError(error)) this.deps.logError(`websocket action ${request.action} failed`, error);
      this.fail(request, isAppError(error) ? error : AppError.internal(error));
    }
  }

  // Mattermost ignores a second challenge and closes the socket on a missing or refused token.
  private async challenge(request: WebSocketRequest): Promise<void> {
    if (this.conn) return;
    const token = request.data['token'];
    const session = typeof token === 'string' ? await this.deps.sessions.resolve(token) : undefined;
    if (!session) {
      this.ws.close(CLOSE_UNAUTHENTICATED);
      return;
    }
    await this.authenticate(session);
    this.send(okResponse(request.seq));
  }

  /** Which channel, team or thread the client shows; kept on the connection for delivery rules. */
  private presence(request: WebSocketRequest): void {
    const conn = this.conn;
    const { channel_id: channelId, team_id: teamId, thread_channel_id: threadChannelId, is_thread_view: isThreadView } = request.data;
    if (conn) {
      if (typeof channelId === 'string') conn.activeChannelId = channelId;
      if (typeof teamId === 'string') conn.activeTeamId = teamId;
      if (typeof threadChannelId === 'string') {
        if (isThreadView === true) conn.activeThreadViewChannelId = threadChannelId;
        else conn.activeThreadChannelId = threadChannelId;
      }
    }
    this.send(okResponse(request.seq));
  }

  private onPong(): void {
    const conn = this.conn;
    if (!conn || conn.socket !== this.ws) return;
    conn.lastPongAt = Date.now();
    // Mattermost checks for automatic away on every pong.
    this.deps.statuses.setStatusAwayIfNeeded(conn.userId, false).catch((error: unknown) => this.deps.logError('away check failed', error));
  }

  private onClose(): void {
    clearTimeout(this.authTimer);
    if (this.conn) void this.deps.hub.socketClosed(this.conn, this.ws);
  }

  private isExpired(conn: WebConn): boolean {
    return conn.session.expires_at !== 0 && conn.session.expires_at < this.deps.clock.now();
  }

  private fail(request: WebSocketRequest, error: AppError): void {
    this.send(errorResponse(request.seq, error));
  }

  // Replies go to this socket even when its connection was since taken over by a newer one.
  private send(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }
}
