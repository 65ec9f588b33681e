// Fan-out: how long one event takes to reach every one of many connected, authenticated sockets,
// next to a bare `ws` server broadcasting the same frame to as many sockets, in the same run. The
// sockets live in a separate load-generator process (bench/lib/fanout-clients.ts).
//
// The event is a user_updated caused by an admin's profile patch over HTTP: with no channels yet,
// a profile change is the broadcast that reaches all users. Every socket belongs to one ordinary
// user, so each gets exactly one frame (the sanitised profile). Both sides are triggered by an
// HTTP request from the load generator and timed there, from the request to the last frame.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { WebSocketServer } from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/loader.js';
import { event } from '../src/events/domain-events.js';
import { mapDomainEvent } from '../src/realtime/event-mapper.js';
import { PreparedEvent } from '../src/realtime/websocket-event.js';
import { median, type BenchResult } from './lib/bench-result.js';
import type { ChildMessage, ParentMessage } from './lib/fanout-clients.js';

const SOCKETS = Number(process.env['BENCH_SOCKETS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 20);
const WARMUP = 3;
const PASSWORD = 'Bench-passw0rd';

async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ json: Record<string, unknown>; token: string | null }> {
  const response = await fetch(`${base}/api/v4${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return { json: (await response.json()) as Record<string, unknown>, token: response.headers.get('token') };
}

function ask(child: ChildProcess, message: ParentMessage): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (reply: ChildMessage) => (reply.type === 'error' ? reject(new Error(reply.message)) : resolve(reply)));
    child.send(message);
  });
}

async function measure(child: ChildProcess, trigger: (marker: string) => Extract<ParentMessage, { type: 'round' }>['trigger']): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const marker = `mk${i}z${Math.random().toString(36).slice(2, 8)}`;
    const reply = await ask(child, { type: 'round', marker, trigger: trigger(marker) });
    if (reply.type === 'done' && i >= WARMUP) times.push(reply.ms);
  }
  return median(times);
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const loaded = loadConfig({}, '/nonexistent/parley-bench-config.json');
  loaded.config.SqlSettings.DataSource = join(dir, 'bench.db');
  const app = await buildApp({ config: loaded, logger: pino({ level: 'silent' }) });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const child = fork(fileURLToPath(new URL('./lib/fanout-clients.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  const raw = createServer();
  try {
    await api(base, 'POST', '/users', { username: 'benchadmin', email: 'benchadmin@example.com', password: PASSWORD });
    const adminToken = (await api(base, 'POST', '/users/login', { login_id: 'benchadmin', password: PASSWORD })).token ?? '';
    const subject = (await api(base, 'POST', '/users', { username: 'subject', email: 'subject@example.com', password: PASSWORD }, adminToken)).json;
    await api(base, 'POST', '/users', { username: 'receiver', email: 'receiver@example.com', password: PASSWORD }, adminToken);
    const receiverToken = (await api(base, 'POST', '/users/login', { login_id: 'receiver', password: PASSWORD })).token ?? '';

    // Parley: every socket authenticated as the receiver.
    await ask(child, { type: 'connect', url: `${base.replace('http', 'ws')}/api/v4/websocket`, count: SOCKETS, headers: { Authorization: `Bearer ${receiverToken}` }, waitForHello: true });
    const parley = await measure(child, (marker) => ({
      url: `${base}/api/v4/users/${subject.id as string}/patch`,
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ nickname: marker }),
    }));
    await ask(child, { type: 'close' });

    // The same frame, as Parley serialises it for a receiver, with the marker in the nickname.
    const user = { ...(await app.services.users.getUser(subject.id as string)), nickname: '__MARKER__' };
    const context = { config: () => app.services.config.get(), clientConfig: () => ({}), role: () => undefined };
    const sanitised = mapDomainEvent(event('user.updated', { user }), context).find((e) => e.broadcast.contains_sanitized_data);
    if (!sanitised) throw new Error('no sanitised user_updated to compare with');
    const template = new PreparedEvent(sanitised).frame(42).toString('utf8');

    // Baseline: a bare ws server that sends one prepared buffer to every socket.
    const wss = new WebSocketServer({ server: raw, perMessageDeflate: false });
    raw.on('request', (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const frame = Buffer.from(template.replace('__MARKER__', body));
        for (const client of wss.clients) client.send(frame);
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    await ask(child, { type: 'connect', url: rawBase.replace('http', 'ws'), count: SOCKETS, headers: {}, waitForHello: false });
    const baseline = await measure(child, (marker) => ({ url: `${rawBase}/broadcast`, method: 'POST', headers: {}, body: marker }));
    await ask(child, { type: 'close' });
    wss.close();

    return [
      {
        name: `fan-out: one user_updated to ${SOCKETS} authenticated sockets (median of ${ROUNDS})`,
        unit: 'ms',
        value: parley,
        baseline: { name: `bare ws broadcast of the same ${template.length}-byte frame`, value: baseline },
        notes: `from the triggering HTTP request to the last socket's frame; Parley's includes the profile update in SQLite; ${cpus().length} CPUs`,
      },
    ];
  } finally {
    child.kill();
    raw.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
