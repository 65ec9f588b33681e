import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  driver: DialectName;
  /** File path (or ":memory:") for sqlite; connection URL for postgres. */
  dataSource: string;
  /** Pool size for postgres. */
  maxConnections?: number;
  plugins?: KyselyPlugin[];
}

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

// node-postgres returns int8 (our millisecond timestamps and counts) as strings; millisecond values
// stay far below 2^53, so numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/** Opens the database named by the options; the caller owns it and must `close()` it. */
export function openDatabase(options: DatabaseOptions): Database {
  const plugins = options.plugins ?? [];
  if (options.driver === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.dataSource, max: options.maxConnections ?? 10 });
    // An idle client that loses its connection emits 'error' on the pool; without a listener that
    // would crash the process instead of just dropping the client.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (options.dataSource !== ':memory:') mkdirSync(dirname(options.dataSource), { recursive: true });
  const sqlite = new BetterSqlite3(options.dataSource);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = OFF');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
