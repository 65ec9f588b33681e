import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LiveConfig } from '../config/live-config.js';
import { findToken, readCookie } from '../lib/auth-token.js';
import { AppError } from '../model/app-error.js';
import { isValidId } from '../model/ids.js';
import { SESSION_COOKIE_NAME, type SessionRecord } from '../model/session.js';
import type { SessionService } from '../services/auth/session.service.js';
import { ClientSocket, type ClientSocketDeps } from './client-socket.js';
import type { ResumeRequest } from './hub.js';

// Mattermost serves the socket at /api/v4/websocket, with or without a trailing slash.
const WEBSOCKET_PATH = /^\/api\/v4\/websocket\/?$/;

export interface EndpointDeps extends ClientSocketDeps {
  config: LiveConfig;
  sessions: SessionService;
  /** Largest frame a client may send; bigger ones close the socket (1009). */
  maxFrameBytes: number;
}

type Handshake = { session: SessionRecord | undefined; resume: ResumeRequest | undefined } | { refuse: AppError } | { close: true };

/**
 * The WebSocket endpoint on the HTTP server's own port: checks the origin, reads the token like
 * the REST API (cookie, header, OAuth query token), reads the resume parameters, then hands the
 * upgraded socket to a ClientSocket.
 */
export class WebSocketEndpoint {
  private readonly wss: WebSocketServer;

  constructor(private readonly deps: EndpointDeps) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxFrameBytes, perMessageDeflate: false });
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(request, socket, head));
  }

  /** Closes every socket at once (shutdown) and resolves once each one's close was handled. */
  async close(): Promise<void> {
    const closing = [...this.wss.clients].map((client) => new Promise<void>((resolve) => client.once('close', () => resolve())));
    for (const client of this.wss.clients) client.terminate();
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!WEBSOCKET_PATH.test(url.pathname)) {
      reject(socket, new AppError('api.context.404.app_error', 404));
      return;
    }
    if (!this.originAllowed(request)) {
      reject(socket, new AppError('api.web_socket.connect.upgrade.app_error', 403));
      return;
    }
    this.handshake(request, url)
      .then((result) => {
        if ('refuse' in result) return reject(socket, result.refuse);
        this.wss.handleUpgrade(request, socket, head, (ws) => {
          if ('close' in result) return ws.close(1008);
          const client = { ip: request.socket.remoteAddress ?? '', userAgent: request.headers['user-agent'] ?? '' };
          new ClientSocket(ws, client, result.resume, this.deps).start(result.session);
        });
      })
      .catch((error: unknown) => {
        this.deps.logError('websocket upgrade failed', error);
        socket.destroy();
      });
  }

  private async handshake(request: IncomingMessage, url: URL): Promise<Handshake> {
    const { token, location } = findToken({
      cookie: readCookie(request.headers.cookie, SESSION_COOKIE_NAME),
      authorization: request.headers.authorization,
      query: url.searchParams.get('access_token') ?? undefined,
    });
    // A missing or invalid token still upgrades: the client may answer the authentication challenge.
    const session = token ? await this.deps.sessions.resolve(token) : undefined;
    if (session && location === 'query' && !session.is_oauth) return { refuse: new AppError('api.context.token_provided.app_error', 401) };
    const resume = readResume(url);
    // With a session, Mattermost refuses a malformed connection_id or sequence_number.
    if (resume === 'invalid') return session ? { close: true } : { session, resume: undefined };
    return { session, resume };
  }

  // Without AllowCorsFrom, only same-origin pages may open a socket (a cross-site page could
  // otherwise ride on the session cookie); with it, the listed origins and the site URL may.
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return true;
    const settings = this.deps.config.get().ServiceSettings;
    const allowed = settings.AllowCorsFrom.trim();
    if (allowed === '') {
      try {
        return new URL(origin).host.toLowerCase() === (request.headers.host ?? '').toLowerCase();
      } catch {
        return false;
      }
    }
    if (allowed === '*') return true;
    const list = allowed.split(/\s+/);
    if (settings.SiteURL) list.push(settings.SiteURL.replace(/\/+$/, ''));
    return list.includes(origin);
  }
}

function readResume(url: URL): ResumeRequest | undefined | 'invalid' {
  const connectionId = url.searchParams.get('connection_id') ?? '';
  if (connectionId === '') return undefined;
  const sequence = url.searchParams.get('sequence_number') ?? '';
  if (!isValidId(connectionId) || !/^-?\d{1,15}$/.test(sequence)) return 'invalid';
  return { connectionId, sequence: Number(sequence) };
}

function reject(socket: Duplex, error: AppError): void {
  const body = JSON.stringify(error.toJSON());
  const status = error.statusCode;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
