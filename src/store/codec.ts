import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

// Column encodings shared by every store: both databases keep booleans as 0/1 and JSON as text.

export function toDbBool(value: boolean): number {
  return value ? 1 : 0;
}

export function fromDbBool(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

export function toDbJson(value: unknown): string {
  return JSON.stringify(value ?? {});
}

/** Parses a JSON column, falling back to `fallback` for empty or damaged text instead of failing a read. */
export function fromDbJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Escapes LIKE wildcards so user input matches literally (used with ESCAPE '\'). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE pattern ESCAPE '\'`. Patterns built with `escapeLike` need the ESCAPE clause on
 * SQLite, which has no default escape character (PostgreSQL defaults to the backslash).
 */
export function likeEscaped(column: Expression<unknown>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
