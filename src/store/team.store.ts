import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { TeamRecord } from '../model/team.js';
import { escapeLike, fromDbBool, toDbBool } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { TeamsTable } from './tables/teams.tables.js';

export function toTeamRecord(row: Selectable<TeamsTable>): TeamRecord {
  return {
    id: row.id,
    create_at: row.create_at,
    update_at: row.update_at,
    delete_at: row.delete_at,
    display_name: row.display_name,
    name: row.name,
    description: row.description,
    email: row.email,
    type: row.type,
    company_name: row.company_name,
    allowed_domains: row.allowed_domains,
    invite_id: row.invite_id,
    allow_open_invite: fromDbBool(row.allow_open_invite),
    last_team_icon_update: row.last_team_icon_update,
    scheme_id: row.scheme_id,
    group_constrained: row.group_constrained === null ? null : fromDbBool(row.group_constrained),
    cloud_limits_archived: fromDbBool(row.cloud_limits_archived),
  };
}

function toRow(team: TeamRecord): Insertable<TeamsTable> {
  return {
    ...team,
    allow_open_invite: toDbBool(team.allow_open_invite),
    group_constrained: team.group_constrained === null ? null : toDbBool(team.group_constrained),
    cloud_limits_archived: toDbBool(team.cloud_limits_archived),
  };
}

/** Filters of team listings and searches; each set field narrows the result. */
export interface TeamFilter {
  term?: string;
  allowOpenInvite?: boolean;
  /** Only teams of this type ('O' or 'I'). */
  type?: string;
  groupConstrained?: boolean;
  includeDeleted?: boolean;
}

/** Teams: one row per team; memberships live in TeamMemberStore. */
export class TeamStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when the name is taken. */
  async insert(team: TeamRecord): Promise<void> {
    try {
      await this.db.insertInto('teams').values(toRow(team)).execute();
    } catch (error) {
      throw mapDriverError(error, 'Team');
    }
  }

  /** Writes every column of `team`. @throws ConflictError */
  async update(team: TeamRecord): Promise<void> {
    const { id, ...rest } = toRow(team);
    try {
      await this.db.updateTable('teams').set(rest).where('id', '=', id).execute();
    } catch (error) {
      throw mapDriverError(error, 'Team');
    }
  }

  async findById(id: string): Promise<TeamRecord | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTeamRecord(row) : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<TeamRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('teams').selectAll().where('id', 'in', [...new Set(ids)]).orderBy('display_name').execute();
    return rows.map(toTeamRecord);
  }

  async findByName(name: string): Promise<TeamRecord | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toTeamRecord(row) : undefined;
  }

  async findByInviteId(inviteId: string): Promise<TeamRecord | undefined> {
    if (!inviteId) return undefined;
    const row = await this.db.selectFrom('teams').selectAll().where('invite_id', '=', inviteId).executeTakeFirst();
    return row ? toTeamRecord(row) : undefined;
  }

  /** Teams matching `filter` by display name; every match when `page` is absent. */
  async list(filter: TeamFilter, page?: { offset: number; limit: number }): Promise<TeamRecord[]> {
    let query = this.filtered(filter).selectAll().orderBy('display_name').orderBy('id');
    if (page) query = query.limit(page.limit).offset(page.offset);
    return (await query.execute()).map(toTeamRecord);
  }

  async count(filter: TeamFilter): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Live teams the user is a live member of, by display name. */
  async listForUser(userId: string): Promise<TeamRecord[]> {
    const rows = await this.db
      .selectFrom('teams')
      .innerJoin('team_members', 'team_members.team_id', 'teams.id')
      .selectAll('teams')
      .where('team_members.user_id', '=', userId)
      .where('team_members.delete_at', '=', 0)
      .where('teams.delete_at', '=', 0)
      .orderBy('teams.display_name')
      .execute();
    return rows.map(toTeamRecord);
  }

  async listByScheme(schemeId: string, page: { offset: number; limit: number }): Promise<TeamRecord[]> {
    const rows = await this.db
      .selectFrom('teams')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .orderBy('display_name')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toTeamRecord);
  }

  /** Sets the icon time and update_at in one statement. */
  async updateIconTime(id: string, at: number, updateAt: number): Promise<void> {
    await this.db.updateTable('teams').set({ last_team_icon_update: at, update_at: updateAt }).where('id', '=', id).execute();
  }

  /** Puts every team of a deleted scheme back on the system scheme. */
  async clearScheme(schemeId: string): Promise<void> {
    await this.db.updateTable('teams').set({ scheme_id: '' }).where('scheme_id', '=', schemeId).execute();
  }

  async permanentDelete(id: string): Promise<void> {
    await this.db.deleteFrom('teams').where('id', '=', id).execute();
  }

  private filtered(filter: TeamFilter) {
    let query = this.db.selectFrom('teams');
    if (!filter.includeDeleted) query = query.where('delete_at', '=', 0);
    if (filter.allowOpenInvite !== undefined) query = query.where('allow_open_invite', '=', toDbBool(filter.allowOpenInvite));
    if (filter.type !== undefined) query = query.where('type', '=', filter.type);
    if (filter.groupConstrained === true) query = query.where('group_constrained', '=', 1);
    if (filter.groupConstrained === false) query = query.where((eb) => eb.or([eb('group_constrained', 'is', null), eb('group_constrained', '=', 0)]));
    if (filter.term) {
      const pattern = `%${escapeLike(filter.term.toLowerCase())}%`;
      query = query.where((eb) =>
        eb.or([sql<boolean>`lower(name) like ${pattern} escape '\\'`, sql<boolean>`lower(display_name) like ${pattern} escape '\\'`]),
      );
    }
    return query;
  }
}
