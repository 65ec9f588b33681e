import { Client4 } from '@mattermost/client';
import { pino } from 'pino';
import { buildApp, type ParleyApp } from '../../src/app.js';
import type { Config } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/loader.js';
import type { Clock } from '../../src/lib/clock.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  app: ParleyApp;
  db: TestDatabase;
  /** Changes the running server's config (as PUT /config would). */
  updateConfig(mutate: (config: Config) => void): void;
  close(): Promise<void>;
}

/**
 * The real server on a free port over a fresh database, configured like a test machine: no
 * environment or file config is read, so tests see Mattermost's defaults plus `configure`.
 */
export async function startTestServer(configure?: (config: Config) => void, options: { clock?: Clock } = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const loaded = loadConfig({}, '/nonexistent/parley-test-config.json');
  loaded.config.SqlSettings.DriverName = db.driver;
  loaded.config.SqlSettings.DataSource = db.dataSource;
  configure?.(loaded.config);
  const app = await buildApp({
    config: loaded,
    database: db.database,
    logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    db,
    updateConfig: (mutate) => {
      app.services.config.update(mutate);
    },
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}

/** An official Mattermost client pointed at the server, optionally already holding a token. */
export function newClient(url: string, token?: string): Client4 {
  const client = new Client4();
  client.setUrl(url);
  if (token) client.setToken(token);
  return client;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body when it is JSON, otherwise undefined. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are inspected loosely
}

/**
 * A plain HTTP call for what Client4 cannot send (malformed bodies, odd headers, cookies).
 * `body` objects are JSON-encoded; strings are sent as they are.
 */
export async function rawRequest(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
