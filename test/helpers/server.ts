import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client4 } from '@mattermost/client';
import { pino } from 'pino';
import { buildApp, type AppOptions, type ParleyApp } from '../../src/app.js';
import type { Config } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/loader.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  app: ParleyApp;
  db: TestDatabase;
  /** A fresh directory for `FileSettings.Directory`, removed on close. */
  filesDirectory: string;
  /** Changes the running server's config (as PUT /config would). */
  updateConfig(mutate: (config: Config) => void): void;
  close(): Promise<void>;
}

/** What a test may give the server besides config: a `TestClock` to move time, a membership source... */
export type TestServerOptions = Omit<Partial<AppOptions>, 'config' | 'database'>;

/**
 * The real server on a free port over a fresh database, configured like a test machine: no
 * environment or file config is read, so tests see Mattermost's defaults plus `configure`.
 * Uploaded files go to a temporary directory of their own.
 */
export async function startTestServer(configure?: (config: Config) => void, options: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const filesDirectory = mkdtempSync(join(tmpdir(), 'parley-files-'));
  const loaded = loadConfig({}, '/nonexistent/parley-test-config.json');
  loaded.config.SqlSettings.DriverName = db.driver;
  loaded.config.SqlSettings.DataSource = db.dataSource;
  loaded.config.FileSettings.Directory = filesDirectory;
  configure?.(loaded.config);
  const app = await buildApp({
    logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    ...options,
    config: loaded,
    database: db.database,
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    db,
    filesDirectory,
    updateConfig: (mutate) => {
      app.services.config.update(mutate);
    },
    async close() {
      await app.close();
      await db.dispose();
      rmSync(filesDirectory, { recursive: true, force: true });
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
  /** The raw body bytes (images and other binary answers). */
  bytes: Buffer;
  /** Parsed body when it is JSON, otherwise undefined. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are inspected loosely
}

/**
 * A plain HTTP call for what Client4 cannot send (malformed bodies, odd headers, cookies).
 * `body` objects are JSON-encoded; strings, buffers and FormData are sent as they are.
 */
export async function rawRequest(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  let body: string | Buffer | FormData | undefined;
  if (options.body instanceof FormData || Buffer.isBuffer(options.body)) {
    body = options.body;
  } else if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, bytes, json };
}
