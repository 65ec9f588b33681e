import { sql } from 'kysely';
import type { Database } from '../../src/store/database.js';

export interface ColumnShape {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  primaryKey: boolean;
}

export interface IndexShape {
  name: string;
  columns: string[];
  unique: boolean;
}

/**
 * Tables by name, each with its columns (in order) and secondary indexes (by name), written as
 * short DDL-like lines so a snapshot diff reads like a migration:
 * `"email varchar(128) not null"`, `"unique idx_users_email (email)"`.
 */
export type SchemaShape = Record<string, { columns: string[]; indexes: string[] }>;

type RawShape = Record<string, { columns: ColumnShape[]; indexes: IndexShape[] }>;

function describeColumn(c: ColumnShape): string {
  const parts = [c.name, c.type];
  if (c.primaryKey) parts.push('primary key');
  else if (!c.nullable) parts.push('not null');
  if (c.default !== null) parts.push(`default ${c.default}`);
  return parts.join(' ');
}

function describeIndex(i: IndexShape): string {
  return `${i.unique ? 'unique ' : ''}${i.name} (${i.columns.join(', ')})`;
}

// Kysely's own bookkeeping is not part of our schema.
const IGNORED_TABLE = /^(sqlite_|kysely_)/;

/**
 * The database's tables, columns and indexes in a form that does not depend on the dialect, so
 * SQLite and PostgreSQL can be compared with each other and with a committed snapshot.
 */
export async function introspectSchema(database: Database): Promise<SchemaShape> {
  const tables = database.dialect === 'sqlite' ? await sqliteSchema(database) : await postgresSchema(database);
  const sorted: SchemaShape = {};
  for (const name of Object.keys(tables).sort()) {
    const table = tables[name];
    if (!table) continue;
    const indexes = [...table.indexes].sort((a, b) => a.name.localeCompare(b.name));
    sorted[name] = { columns: table.columns.map(describeColumn), indexes: indexes.map(describeIndex) };
  }
  return sorted;
}

async function sqliteSchema(database: Database): Promise<RawShape> {
  const db = database.db;
  const out: RawShape = {};
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  for (const { name } of tables.rows) {
    if (IGNORED_TABLE.test(name)) continue;
    const columns = await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`
      select name, type, "notnull", dflt_value, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const indexes = await sql<{ name: string; unique: number; origin: string }>`
      select name, "unique", origin from pragma_index_list(${name})`.execute(db);
    const indexShapes: IndexShape[] = [];
    for (const index of indexes.rows) {
      if (index.origin === 'pk') continue;
      const parts = await sql<{ name: string }>`select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      indexShapes.push({ name: index.name, columns: parts.rows.map((p) => p.name), unique: index.unique === 1 });
    }
    out[name] = {
      columns: columns.rows.map((c) => ({
        name: c.name,
        type: c.type.toLowerCase(),
        // SQLite lets a non-integer primary key hold NULL; PostgreSQL does not. Both mean "required".
        nullable: c.notnull === 0 && c.pk === 0,
        default: normaliseDefault(c.dflt_value),
        primaryKey: c.pk > 0,
      })),
      indexes: indexShapes,
    };
  }
  return out;
}

async function postgresSchema(database: Database): Promise<RawShape> {
  const db = database.db;
  const out: RawShape = {};
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  for (const { name } of tables.rows) {
    if (IGNORED_TABLE.test(name)) continue;
    const columns = await sql<{ name: string; data_type: string; length: number | null; is_nullable: string; column_default: string | null }>`
      select column_name as name, data_type, character_maximum_length as length, is_nullable, column_default
      from information_schema.columns where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db);
    const primary = await sql<{ name: string }>`
      select k.column_name as name from information_schema.table_constraints c
      join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema
      where c.table_schema = current_schema() and c.table_name = ${name} and c.constraint_type = 'PRIMARY KEY'`.execute(db);
    const primaryColumns = new Set(primary.rows.map((r) => r.name));
    const indexes = await sql<{ name: string; is_unique: boolean; columns: string }>`
      select i.relname as name, ix.indisunique as is_unique, string_agg(a.attname::text, ',' order by k.ord) as columns
      from pg_class t
      join pg_index ix on ix.indrelid = t.oid
      join pg_class i on i.oid = ix.indexrelid
      cross join lateral unnest(ix.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where t.relname = ${name} and t.relnamespace = current_schema()::regnamespace and not ix.indisprimary
      group by i.relname, ix.indisunique`.execute(db);
    out[name] = {
      columns: columns.rows.map((c) => ({
        name: c.name,
        type: postgresType(c.data_type, c.length),
        nullable: c.is_nullable === 'YES',
        default: normaliseDefault(c.column_default),
        primaryKey: primaryColumns.has(c.name),
      })),
      indexes: indexes.rows.map((i) => ({ name: i.name, columns: i.columns.split(','), unique: i.is_unique })),
    };
  }
  return out;
}

function postgresType(dataType: string, length: number | null): string {
  if (dataType === 'character varying') return length === null ? 'varchar' : `varchar(${length})`;
  if (dataType === 'character') return length === null ? 'char' : `char(${length})`;
  return dataType;
}

/** `'{}'::text` and `'{}'` alike: PostgreSQL adds casts to literal defaults, SQLite does not. */
function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  return value.replace(/::[a-z ]+(\(\d+\))?$/i, '').replace(/^\((-?\d+)\)$/, '$1');
}
