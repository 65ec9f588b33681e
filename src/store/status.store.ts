import type { Kysely, Selectable } from 'kysely';
import type { StatusRecord } from '../model/status.js';
import { fromDbBool, toDbBool } from './codec.js';
import type { DB } from './schema.js';
import type { StatusTable } from './tables/statuses.tables.js';

function toRecord(row: Selectable<StatusTable>): StatusRecord {
  return { ...row, manual: fromDbBool(row.manual) };
}

/** Users' presence rows. */
export class StatusStore {
  constructor(private readonly db: Kysely<DB>) {}

  async findById(userId: string): Promise<StatusRecord | undefined> {
    const row = await this.db.selectFrom('status').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async findByIds(userIds: readonly string[]): Promise<StatusRecord[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.selectFrom('status').selectAll().where('user_id', 'in', [...userIds]).execute();
    return rows.map(toRecord);
  }

  /** Every status other than offline (what the get_statuses action reports). */
  async listNotOffline(): Promise<StatusRecord[]> {
    const rows = await this.db.selectFrom('status').selectAll().where('status', '<>', 'offline').execute();
    return rows.map(toRecord);
  }

  /** Mattermost's SaveOrUpdate: the whole row, inserted or replaced. */
  async upsert(status: StatusRecord): Promise<void> {
    const values = { ...status, manual: toDbBool(status.manual) };
    const { user_id: _key, ...changes } = values;
    await this.db
      .insertInto('status')
      .values(values)
      .onConflict((oc) => oc.column('user_id').doUpdateSet(changes))
      .execute();
  }

  async updateLastActivityAt(userId: string, lastActivityAt: number): Promise<void> {
    await this.db.updateTable('status').set({ last_activity_at: lastActivityAt }).where('user_id', '=', userId).execute();
  }

  /**
   * Ends every timed DND whose end (in seconds) has come, restoring the previous status in one
   * statement, so that of several nodes running the job only one sees each row.
   */
  async expireDnd(nowSeconds: number): Promise<StatusRecord[]> {
    const rows = await this.db
      .updateTable('status')
      .set((eb) => ({ status: eb.ref('prev_status'), prev_status: 'dnd', dnd_end_time: 0, manual: 0 }))
      .where('status', '=', 'dnd')
      .where('dnd_end_time', '>', 0)
      .where('dnd_end_time', '<=', nowSeconds)
      .returningAll()
      .execute();
    return rows.map(toRecord);
  }
}
