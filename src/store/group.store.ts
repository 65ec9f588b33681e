import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { GroupRecord } from '../model/group.js';
import { escapeLike, fromDbBool, toDbBool } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { UserGroupsTable } from './tables/groups.tables.js';

/** Filters of Mattermost's group listing (GroupSearchOpts); each set field narrows the result. */
export interface GroupListOptions {
  /** Substring of the name or display name, case-insensitive. */
  q?: string;
  allowReferenceOnly?: boolean;
  /** 'active' (default), 'archived' only, or 'all'. */
  archived?: 'active' | 'archived' | 'all';
  /** Groups changed after this time (epoch ms). */
  since?: number;
  source?: string;
  /** Sources fed by a sync job: these names, or names starting with these prefixes. */
  syncableSources?: { names: readonly string[]; prefixes: readonly string[] };
  /** Groups where this user is a current member. */
  hasMember?: string;
  offset: number;
  /** 0: no limit (Mattermost's per_page=0). */
  limit: number;
}

function toRecord(row: Selectable<UserGroupsTable>): GroupRecord {
  return { ...row, allow_reference: fromDbBool(row.allow_reference) };
}

function toRow(group: GroupRecord): Insertable<UserGroupsTable> {
  return { ...group, allow_reference: toDbBool(group.allow_reference) };
}

/** User groups (the `user_groups` table). */
export class GroupStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when the name is taken. */
  async insert(group: GroupRecord): Promise<void> {
    try {
      await this.db.insertInto('user_groups').values(toRow(group)).execute();
    } catch (error) {
      throw mapDriverError(error, 'Group');
    }
  }

  /** @throws ConflictError when the new name is taken. */
  async update(group: GroupRecord): Promise<void> {
    const { id, ...rest } = toRow(group);
    try {
      await this.db.updateTable('user_groups').set(rest).where('id', '=', id).execute();
    } catch (error) {
      throw mapDriverError(error, 'Group');
    }
  }

  async findById(id: string): Promise<GroupRecord | undefined> {
    const row = await this.db.selectFrom('user_groups').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async findByName(name: string, allowReferenceOnly: boolean): Promise<GroupRecord | undefined> {
    let query = this.db.selectFrom('user_groups').selectAll().where('name', '=', name);
    if (allowReferenceOnly) query = query.where('allow_reference', '=', 1);
    const row = await query.executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Live, mentionable groups with these names. */
  async findReferenceableByNames(names: readonly string[]): Promise<GroupRecord[]> {
    if (names.length === 0) return [];
    const rows = await this.db
      .selectFrom('user_groups')
      .selectAll()
      .where('name', 'in', [...names])
      .where('allow_reference', '=', 1)
      .where('delete_at', '=', 0)
      .orderBy('display_name')
      .execute();
    return rows.map(toRecord);
  }

  /** Mattermost's GetGroups: filtered, ordered by display name (live ones first when archived ones are included). */
  async list(options: GroupListOptions): Promise<GroupRecord[]> {
    let query = this.db.selectFrom('user_groups as g').selectAll('g');
    if (options.hasMember !== undefined) {
      const userId = options.hasMember;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('group_members as m')
            .select('m.user_id')
            .whereRef('m.group_id', '=', 'g.id')
            .where('m.user_id', '=', userId)
            .where('m.delete_at', '=', 0),
        ),
      );
    }
    if (options.since !== undefined && options.since > 0) query = query.where('g.update_at', '>', options.since);
    const archived = options.archived ?? 'active';
    if (archived === 'archived') query = query.where('g.delete_at', '>', 0);
    if (archived === 'active') query = query.where('g.delete_at', '=', 0);
    if (options.allowReferenceOnly) query = query.where('g.allow_reference', '=', 1);
    if (options.q) {
      const pattern = `%${escapeLike(options.q.toLowerCase())}%`;
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`lower(${sql.ref('g.name')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${sql.ref('g.display_name')}) like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (options.source) {
      query = query.where('g.source', '=', options.source);
    } else if (options.syncableSources) {
      const { names, prefixes } = options.syncableSources;
      query = query.where((eb) =>
        eb.or([
          ...(names.length ? [eb('g.source', 'in', [...names])] : []),
          ...prefixes.map((p) => eb('g.source', 'like', `${escapeLike(p)}%`)),
        ]),
      );
    }
    if (archived === 'all') query = query.orderBy(sql`case when ${sql.ref('g.delete_at')} = 0 then 0 else 1 end`);
    query = query.orderBy('g.display_name').orderBy('g.id');
    if (options.limit > 0) query = query.limit(options.limit).offset(options.offset);
    const rows = await query.execute();
    return rows.map(toRecord);
  }

  /** Groups the user currently belongs to (archived ones included, as in Mattermost). */
  async listForMember(userId: string, allowReferenceOnly: boolean): Promise<GroupRecord[]> {
    let query = this.db
      .selectFrom('user_groups as g')
      .innerJoin('group_members as m', 'm.group_id', 'g.id')
      .selectAll('g')
      .where('m.user_id', '=', userId)
      .where('m.delete_at', '=', 0);
    if (allowReferenceOnly) query = query.where('g.allow_reference', '=', 1);
    const rows = await query.orderBy('g.display_name').orderBy('g.id').execute();
    return rows.map(toRecord);
  }

  /** Live groups of every source (Mattermost's GroupCount). */
  async countLive(): Promise<number> {
    const row = await this.db
      .selectFrom('user_groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('delete_at', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
