import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/** Server-wide named values. */
export class SystemStore {
  constructor(private readonly db: Kysely<DB>) {}

  async get(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('systems').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value;
  }

  async set(name: string, value: string): Promise<void> {
    await this.db
      .insertInto('systems')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }

  /** Sets the value only when the name is new; reports whether it did (first-start decisions). */
  async setIfAbsent(name: string, value: string): Promise<boolean> {
    const result = await this.db
      .insertInto('systems')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** True when the database answers a trivial query (health checks). */
  async ping(): Promise<boolean> {
    await this.db.selectFrom('systems').select('name').limit(1).execute();
    return true;
  }
}
