import type { Kysely, Selectable } from 'kysely';
import type { Scheme } from '../model/scheme.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { SchemesTable } from './tables/schemes.tables.js';

function toScheme(row: Selectable<SchemesTable>): Scheme {
  return { ...row };
}

/** Permission schemes. Their roles live in the roles table, named by the scheme's columns. */
export class SchemeStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when the name is taken. */
  async insert(scheme: Scheme): Promise<void> {
    try {
      await this.db.insertInto('schemes').values(scheme).execute();
    } catch (error) {
      throw mapDriverError(error, 'Scheme');
    }
  }

  /** Writes every column of `scheme`. @throws ConflictError when the new name is taken. */
  async update(scheme: Scheme): Promise<void> {
    const { id, ...rest } = scheme;
    try {
      await this.db.updateTable('schemes').set(rest).where('id', '=', id).execute();
    } catch (error) {
      throw mapDriverError(error, 'Scheme');
    }
  }

  async findById(id: string): Promise<Scheme | undefined> {
    const row = await this.db.selectFrom('schemes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toScheme(row) : undefined;
  }

  /** Live schemes, newest first, optionally of one scope. */
  async list(scope: string, page: { offset: number; limit: number }): Promise<Scheme[]> {
    let query = this.db.selectFrom('schemes').selectAll().where('delete_at', '=', 0);
    if (scope) query = query.where('scope', '=', scope);
    const rows = await query.orderBy('create_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
    return rows.map(toScheme);
  }

  /** Every scheme, deleted ones included (for the in-memory catalogue). */
  async listAll(): Promise<Scheme[]> {
    return (await this.db.selectFrom('schemes').selectAll().execute()).map(toScheme);
  }

  async softDelete(id: string, at: number): Promise<void> {
    await this.db.updateTable('schemes').set({ delete_at: at, update_at: at }).where('id', '=', id).execute();
  }
}
