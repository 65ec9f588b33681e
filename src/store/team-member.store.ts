import { sql, type Kysely, type Selectable } from 'kysely';
import type { TeamMemberRecord } from '../model/team.js';
import { fromDbBool, toDbBool } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { TeamMembersTable } from './tables/teams.tables.js';
import { visibleUserClause, type MemberVisibility } from './visibility.js';

/** A membership with its team's scheme id, which role resolution needs. */
export interface TeamMemberWithScheme extends TeamMemberRecord {
  team_scheme_id: string | null;
}

type MemberRow = Selectable<TeamMembersTable> & { team_scheme_id: string | null };

function toMember(row: MemberRow): TeamMemberWithScheme {
  return {
    team_id: row.team_id,
    user_id: row.user_id,
    explicit_roles: row.roles,
    delete_at: row.delete_at,
    scheme_guest: fromDbBool(row.scheme_guest),
    scheme_user: fromDbBool(row.scheme_user),
    scheme_admin: fromDbBool(row.scheme_admin),
    create_at: row.create_at,
    team_scheme_id: row.team_scheme_id,
  };
}

function toRow(member: TeamMemberRecord) {
  return {
    team_id: member.team_id,
    user_id: member.user_id,
    roles: member.explicit_roles,
    delete_at: member.delete_at,
    scheme_guest: toDbBool(member.scheme_guest),
    scheme_user: toDbBool(member.scheme_user),
    scheme_admin: toDbBool(member.scheme_admin),
    create_at: member.create_at,
  };
}

export type { MemberVisibility } from './visibility.js';

/** Team memberships. Removal is soft (`delete_at`), as in Mattermost. */
export class TeamMemberStore {
  constructor(private readonly db: Kysely<DB>) {}

  private withScheme() {
    return this.db
      .selectFrom('team_members')
      .leftJoin('teams', 'teams.id', 'team_members.team_id')
      .selectAll('team_members')
      .select('teams.scheme_id as team_scheme_id');
  }

  /** The membership row whatever its state (removed members keep theirs). */
  async find(teamId: string, userId: string): Promise<TeamMemberWithScheme | undefined> {
    const row = await this.withScheme().where('team_members.team_id', '=', teamId).where('team_members.user_id', '=', userId).executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  /**
   * Inserts the membership unless the team already counts `maxMembers` live members with active
   * accounts; the count and the insert are one statement. Returns false when the team is full.
   * @throws ConflictError when a row for this user and team exists.
   */
  async insertIfRoom(member: TeamMemberRecord, maxMembers: number): Promise<boolean> {
    const row = toRow(member);
    // PostgreSQL types the parameters of a SELECT list only through casts.
    const text = (value: string) => sql`cast(${value} as text)`;
    const int = (value: number) => sql`cast(${value} as bigint)`;
    try {
      const result = await sql`
        insert into team_members (team_id, user_id, roles, delete_at, scheme_guest, scheme_user, scheme_admin, create_at)
        select ${text(row.team_id)}, ${text(row.user_id)}, ${text(row.roles)}, ${int(row.delete_at)},
               ${int(row.scheme_guest)}, ${int(row.scheme_user)}, ${int(row.scheme_admin)}, ${int(row.create_at)}
        where (${this.activeCountQuery(member.team_id)}) < ${maxMembers}`.execute(this.db);
      return Number(result.numAffectedRows ?? 0) > 0;
    } catch (error) {
      throw mapDriverError(error, 'TeamMember');
    }
  }

  /** Writes roles, flags and delete_at of an existing row. */
  async update(member: TeamMemberRecord): Promise<void> {
    const { team_id: teamId, user_id: userId, ...rest } = toRow(member);
    await this.db.updateTable('team_members').set(rest).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  }

  /**
   * Brings a removed member back with fresh flags when the team has room; one statement.
   * Returns false when the team is full.
   */
  async rejoinIfRoom(member: TeamMemberRecord, maxMembers: number): Promise<boolean> {
    const { team_id: teamId, user_id: userId, ...rest } = toRow(member);
    const result = await this.db
      .updateTable('team_members')
      .set(rest)
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .where(sql<number>`(${this.activeCountQuery(teamId)})`, '<', maxMembers)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Marks the membership removed (Mattermost keeps the row and its roles). */
  async softDelete(teamId: string, userId: string, at: number): Promise<void> {
    await this.db.updateTable('team_members').set({ delete_at: at }).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  }

  /** Live members of a team, ordered by user id (or username), optionally only active accounts. */
  async listForTeam(
    teamId: string,
    options: { offset: number; limit: number; sortByUsername?: boolean; excludeDeletedUsers?: boolean; visibility?: MemberVisibility | undefined },
  ): Promise<TeamMemberWithScheme[]> {
    let query = this.withScheme().where('team_members.team_id', '=', teamId).where('team_members.delete_at', '=', 0);
    if (options.excludeDeletedUsers) {
      query = query.where(sql<boolean>`exists (select 1 from users du where du.id = team_members.user_id and du.delete_at = 0)`);
    }
    query = options.sortByUsername
      ? query.orderBy(sql`(select su.username from users su where su.id = team_members.user_id)`).orderBy('team_members.user_id')
      : query.orderBy('team_members.user_id');
    query = this.visible(query, options.visibility);
    const rows = await query.limit(options.limit).offset(options.offset).execute();
    return rows.map(toMember);
  }

  async listByUserIds(teamId: string, userIds: readonly string[], visibility?: MemberVisibility): Promise<TeamMemberWithScheme[]> {
    if (userIds.length === 0) return [];
    let query = this.withScheme()
      .where('team_members.team_id', '=', teamId)
      .where('team_members.user_id', 'in', [...new Set(userIds)])
      .where('team_members.delete_at', '=', 0);
    query = this.visible(query, visibility);
    return (await query.orderBy('team_members.user_id').execute()).map(toMember);
  }

  /** The user's memberships (removed ones too when asked), ordered by team id. */
  async listForUser(userId: string, options: { includeDeleted: boolean }): Promise<TeamMemberWithScheme[]> {
    let query = this.withScheme().where('team_members.user_id', '=', userId);
    if (!options.includeDeleted) query = query.where('team_members.delete_at', '=', 0);
    return (await query.orderBy('team_members.team_id').execute()).map(toMember);
  }

  /** Live members of the team whose accounts are active (the MaxUsersPerTeam count). */
  async countActive(teamId: string, visibility?: MemberVisibility): Promise<number> {
    return this.countMembers(teamId, true, visibility);
  }

  /** Live members of the team, deactivated accounts included. */
  async countTotal(teamId: string, visibility?: MemberVisibility): Promise<number> {
    return this.countMembers(teamId, false, visibility);
  }

  /** Ids of the live teams the user is a live member of. */
  async teamIdsForUser(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select('team_members.team_id')
      .where('team_members.user_id', '=', userId)
      .where('team_members.delete_at', '=', 0)
      .where('teams.delete_at', '=', 0)
      .execute();
    return rows.map((r) => r.team_id);
  }

  /** True when the user is a live member of one of the teams. */
  async belongsToAny(userId: string, teamIds: readonly string[]): Promise<boolean> {
    if (teamIds.length === 0) return false;
    const row = await this.db
      .selectFrom('team_members')
      .select('team_id')
      .where('user_id', '=', userId)
      .where('team_id', 'in', [...teamIds])
      .where('delete_at', '=', 0)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Ids of users who are live members of at least one of the teams. */
  async userIdsInTeams(teamIds: readonly string[]): Promise<string[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('team_members')
      .select('user_id')
      .distinct()
      .where('team_id', 'in', [...teamIds])
      .where('delete_at', '=', 0)
      .execute();
    return rows.map((r) => r.user_id);
  }

  async deleteForTeam(teamId: string): Promise<void> {
    await this.db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('team_members').where('user_id', '=', userId).execute();
  }

  private activeCountQuery(teamId: string) {
    return this.db
      .selectFrom('team_members as tm')
      .innerJoin('users as u', 'u.id', 'tm.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tm.team_id', '=', teamId)
      .where('tm.delete_at', '=', 0)
      .where('u.delete_at', '=', 0);
  }

  private async countMembers(teamId: string, activeOnly: boolean, visibility?: MemberVisibility): Promise<number> {
    let query = this.db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select((eb) => eb.fn.count<number>('team_members.user_id').distinct().as('n'))
      .where('team_members.team_id', '=', teamId)
      .where('team_members.delete_at', '=', 0);
    if (activeOnly) query = query.where('users.delete_at', '=', 0);
    if (visibility) query = query.where(this.visibleUser(visibility));
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private visible<Q extends ReturnType<TeamMemberStore['withScheme']>>(query: Q, visibility: MemberVisibility | undefined): Q {
    if (!visibility) return query;
    return query.where(this.visibleUser(visibility)) as Q;
  }

  // The member's user shares one of the visible teams or channels.
  private visibleUser(visibility: MemberVisibility) {
    return visibleUserClause('team_members.user_id', visibility);
  }
}
