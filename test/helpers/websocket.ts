import { WebSocketClient } from '@mattermost/client';
import { WebSocket, type ClientOptions } from 'ws';
import { newId } from '../../src/model/ids.js';
import { broadcastTo } from '../../src/realtime/websocket-event.js';
import type { TestHelper } from './test-helper.js';

/** A frame from the server: an event (with seq) or a reply (with seq_reply). */
export interface WsMessage {
  event?: string;
  data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads are inspected loosely
  broadcast?: Record<string, unknown>;
  seq?: number;
  seq_reply?: number;
  status?: string;
  error?: { id: string; status_code: number; message: string; detailed_error: string };
}

// A safety net only: tests wait for messages, never for time.
const WAIT_LIMIT_MS = 15_000;

export function websocketUrl(httpUrl: string, query: Record<string, string> = {}): string {
  const url = new URL('/api/v4/websocket', httpUrl.replace(/^http/, 'ws'));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/** Frames received so far, and a way to wait for one that matches. */
export class MessageLog {
  readonly messages: WsMessage[] = [];
  private readonly listeners = new Set<() => void>();

  add(message: WsMessage): void {
    this.messages.push(message);
    for (const listener of this.listeners) listener();
  }

  /** Resolves with the first message (already received or coming) that matches. */
  waitFor(match: (message: WsMessage) => boolean, what = 'a matching message'): Promise<WsMessage> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.messages.find(match);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${what} within the wait limit; got ${JSON.stringify(this.messages.map((m) => m.event ?? m.seq_reply))}`));
      }, WAIT_LIMIT_MS);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  waitForEvent(name: string, match: (message: WsMessage) => boolean = () => true): Promise<WsMessage> {
    return this.waitFor((m) => m.event === name && match(m), `${name} event`);
  }

  /** Events only (frames with an `event`), optionally of one name. */
  events(name?: string): WsMessage[] {
    return this.messages.filter((m) => m.event !== undefined && (name === undefined || m.event === name));
  }
}

/** A raw `ws` client that records every frame it gets and can wait for one. */
export class TestSocket extends MessageLog {
  readonly closed: Promise<{ code: number }>;
  private nextSeq = 1;

  private constructor(readonly ws: WebSocket) {
    super();
    ws.on('message', (data: Buffer) => this.add(JSON.parse(data.toString('utf8')) as WsMessage));
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
    ws.on('error', () => undefined);
  }

  /** Opens a socket; `token` goes in an Authorization header, `cookie` in MMAUTHTOKEN. */
  static async connect(
    httpUrl: string,
    options: { token?: string; cookie?: string; query?: Record<string, string>; headers?: Record<string, string>; ws?: ClientOptions } = {},
  ): Promise<TestSocket> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
    if (options.cookie) headers['Cookie'] = `MMAUTHTOKEN=${options.cookie}`;
    const ws = new WebSocket(websocketUrl(httpUrl, options.query), { headers, ...options.ws });
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode ?? 0}`)));
      ws.once('error', reject);
    });
    return socket;
  }

  /** Sends an action and resolves with its reply. */
  async request(action: string, data?: Record<string, unknown>): Promise<WsMessage> {
    const seq = this.nextSeq++;
    this.sendJson({ action, seq, ...(data ? { data } : {}) });
    return this.waitFor((m) => m.seq_reply === seq, `reply to ${action}`);
  }

  sendJson(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  /** Drops the connection without a close frame, as a lost network does. */
  cutOff(): void {
    this.ws.terminate();
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await this.closed;
  }
}

/** Opens a socket authenticated by header and waits for its hello. */
export async function connectedSocket(th: TestHelper, token: string): Promise<TestSocket> {
  const socket = await TestSocket.connect(th.url, { token });
  await socket.waitForEvent('hello');
  return socket;
}

/**
 * Proves that nothing else is on its way to these sockets: a marker event is delivered to all of
 * them through the hub after everything published before; once each has it, any event sent
 * earlier has arrived too.
 */
export async function drain(th: TestHelper, sockets: readonly TestSocket[]): Promise<void> {
  await th.server.app.realtime.settled();
  const id = newId();
  await th.server.app.realtime.hub.publish([{ event: 'test_marker', data: { id }, broadcast: broadcastTo() }]);
  await Promise.all(sockets.map((s) => s.waitForEvent('test_marker', (m) => m.data.id === id)));
}

/** Makes the official client usable on Node 20: it needs a global WebSocket and CloseEvent. */
export function installWebSocketGlobals(): void {
  const globals = globalThis as Record<string, unknown>;
  globals['WebSocket'] ??= WebSocket;
  globals['CloseEvent'] ??= class CloseEvent extends Event {
    readonly code: number;
    readonly wasClean: boolean;
    constructor(type: string, init: { code?: number; wasClean?: boolean } = {}) {
      super(type);
      this.code = init.code ?? 0;
      this.wasClean = init.wasClean ?? false;
    }
  };
}

/**
 * The official WebSocketClient, authenticated by the Authorization header on every (re)connect
 * and by the challenge, recording the events it hands to listeners. It reconnects only when the
 * test calls `reconnect`, so a test decides what happens while it is away.
 */
export class OfficialClient extends MessageLog {
  readonly client: WebSocketClient;
  /** Every socket the client opened, newest last. */
  readonly sockets: WebSocket[] = [];
  /** How often the client concluded it had missed events and must resynchronise. */
  missedCount = 0;
  private readonly url: string;

  constructor(httpUrl: string, private readonly token: string) {
    super();
    installWebSocketGlobals();
    this.url = websocketUrl(httpUrl);
    this.client = new WebSocketClient({
      newWebSocketFn: (url: string) => {
        const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
        this.sockets.push(ws);
        return ws as never;
      },
      minWebSocketRetryTime: 60 * 60 * 1000,
      reconnectJitterRange: 0,
    });
    this.client.addMessageListener((message) => this.add(message));
    // The client only remembers its connection id (and so only resumes) when someone listens
    // for missed events, as the web app does.
    this.client.addMissedMessageListener(() => (this.missedCount += 1));
    this.client.initialize(this.url, token);
  }

  /** Sends an action through the client and resolves with its reply. */
  request(action: string, data?: unknown): Promise<WsMessage> {
    return new Promise((resolve) => this.client.sendMessage(action, data, (reply: WsMessage) => resolve(reply)));
  }

  reconnect(): void {
    this.client.clearReconnectTimeout();
    this.client.initialize(this.url, this.token);
  }

  close(): void {
    this.client.close();
  }
}

/** What each socket got of one event, after a `collectEvents` action. */
export type Received = (socket: TestSocket, name: string) => WsMessage[];

/**
 * Runs `action`, then drains the sockets: the result tells, per socket, the events of a name it got
 * since the action began (and, since everything before the marker has arrived, only those).
 */
export async function collectEvents(th: TestHelper, sockets: readonly TestSocket[], action: () => Promise<unknown>): Promise<Received> {
  const from = new Map(sockets.map((s) => [s, s.messages.length]));
  await action();
  await drain(th, sockets);
  return (socket, name) => socket.messages.slice(from.get(socket) ?? 0).filter((m) => m.event === name);
}

/**
 * Sockets of the admin, both basic users and one more account (each past its hello), for tests
 * that check who gets an event and who provably does not.
 */
export class EventWatchers {
  private constructor(
    private readonly th: TestHelper,
    readonly admin: TestSocket,
    readonly basic: TestSocket,
    readonly basic2: TestSocket,
    readonly other: TestSocket,
  ) {}

  static async connect(th: TestHelper, otherToken: string): Promise<EventWatchers> {
    const tokens = [th.adminClient.getToken(), th.client.getToken(), th.client2.getToken(), otherToken];
    const [admin, basic, basic2, other] = await Promise.all(tokens.map((token) => connectedSocket(th, token)));
    if (!admin || !basic || !basic2 || !other) throw new Error('EventWatchers: a socket did not open');
    return new EventWatchers(th, admin, basic, basic2, other);
  }

  get all(): TestSocket[] {
    return [this.admin, this.basic, this.basic2, this.other];
  }

  /** `collectEvents` over the four sockets. */
  collect(action: () => Promise<unknown>): Promise<Received> {
    return collectEvents(this.th, this.all, action);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((s) => s.close()));
  }
}
