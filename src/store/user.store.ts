import { sql, type Insertable, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { UserRecord } from '../model/user.js';
import { escapeLike, fromDbBool, fromDbJson, likeEscaped, toDbBool, toDbJson } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { UsersTable } from './tables/users.tables.js';
import { visibleUserClause } from './visibility.js';

type UserRow = Selectable<UsersTable>;

export type UserSort = 'username' | 'last_activity_at' | 'create_at' | 'display_name' | 'status' | 'admin';

/** Filters of Mattermost's user listings; each set field narrows the result. */
export interface UserFilter {
  ids?: string[];
  inTeam?: string;
  notInTeam?: string;
  inChannel?: string;
  notInChannel?: string;
  withoutTeam?: boolean;
  inGroupChannel?: string;
  /** true: only deactivated; false: only active; undefined: both. */
  inactive?: boolean;
  /** Only users holding one of these system roles. */
  roles?: string[];
  /** Leave out bots. */
  excludeBots?: boolean;
  /** Only bots. */
  botsOnly?: boolean;
  updatedSince?: number;
  /** Restrict to users sharing a team or channel with someone (view_members restrictions). */
  restrictToTeams?: string[];
  restrictToChannels?: string[];
  /** With `inChannel`: only members holding one of these channel roles (channel_admin, channel_user, channel_guest). */
  channelRoles?: string[];
}

export interface UserSearchOptions extends UserFilter {
  term: string;
  allowEmails: boolean;
  allowFullNames: boolean;
  limit: number;
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    create_at: row.create_at,
    update_at: row.update_at,
    delete_at: row.delete_at,
    username: row.username,
    password: row.password,
    auth_data: row.auth_data,
    auth_service: row.auth_service,
    email: row.email,
    email_verified: fromDbBool(row.email_verified),
    nickname: row.nickname,
    first_name: row.first_name,
    last_name: row.last_name,
    position: row.position,
    roles: row.roles,
    allow_marketing: fromDbBool(row.allow_marketing),
    props: fromDbJson(row.props, {}),
    notify_props: fromDbJson(row.notify_props, {}),
    last_password_update: row.last_password_update,
    last_picture_update: row.last_picture_update,
    failed_attempts: row.failed_attempts,
    locale: row.locale,
    timezone: fromDbJson(row.timezone, {}),
    mfa_active: fromDbBool(row.mfa_active),
    mfa_secret: row.mfa_secret,
    mfa_used_timestamps: fromDbJson(row.mfa_used_timestamps, []),
    remote_id: row.remote_id,
    last_activity_at: row.last_activity_at,
    is_bot: fromDbBool(row.is_bot),
    bot_description: row.bot_description,
    bot_last_icon_update: row.bot_last_icon_update,
    terms_of_service_id: row.terms_of_service_id,
    terms_of_service_create_at: row.terms_of_service_create_at,
    disable_welcome_email: fromDbBool(row.disable_welcome_email),
    last_login: row.last_login,
  };
}

function toRow(user: UserRecord): Insertable<UsersTable> {
  return {
    ...user,
    email_verified: toDbBool(user.email_verified),
    allow_marketing: toDbBool(user.allow_marketing),
    props: toDbJson(user.props),
    notify_props: toDbJson(user.notify_props),
    timezone: toDbJson(user.timezone),
    mfa_active: toDbBool(user.mfa_active),
    mfa_used_timestamps: JSON.stringify(user.mfa_used_timestamps),
    is_bot: toDbBool(user.is_bot),
    disable_welcome_email: toDbBool(user.disable_welcome_email),
  };
}

type UserQuery = SelectQueryBuilder<DB, 'users', object>;

/** The user is a live member of the team. */
function liveTeamMembership(teamId: string) {
  return sql<boolean>`exists (select 1 from team_members it where it.user_id = users.id and it.team_id = ${teamId} and it.delete_at = 0)`;
}
/** The widest column `search` looks at (email, varchar(128)). */
const SEARCHABLE_MAX_LENGTH = 128;

/** The user is a member of the channel. */
function channelMembership(channelId: string) {
  return sql<boolean>`exists (select 1 from channel_members ic where ic.user_id = users.id and ic.channel_id = ${channelId})`;
}

/** Mattermost's channel role filter: admins, users who are not admins, guests. */
function channelRoleClause(channelId: string, roles: readonly string[]) {
  const flags: Record<string, string> = {
    channel_admin: 'cr.scheme_admin = 1',
    channel_user: '(cr.scheme_user = 1 and cr.scheme_admin = 0)',
    channel_guest: 'cr.scheme_guest = 1',
  };
  const wanted = roles.map((r) => flags[r]).filter((f): f is string => f !== undefined);
  if (wanted.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`exists (select 1 from channel_members cr where cr.user_id = users.id and cr.channel_id = ${channelId} and (${sql.raw(wanted.join(' or '))}))`;
}

/** Users and what hangs off a user row directly (roles, password, MFA, failed attempts). */
export class UserStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when username or email is taken. */
  async insert(user: UserRecord): Promise<void> {
    try {
      await this.db.insertInto('users').values(toRow(user)).execute();
    } catch (error) {
      throw mapDriverError(error, 'User');
    }
  }

  /** Writes every column of `user` (the caller read it and changed it). @throws ConflictError */
  async update(user: UserRecord): Promise<void> {
    const { id, ...rest } = toRow(user);
    try {
      await this.db.updateTable('users').set(rest).where('id', '=', id).execute();
    } catch (error) {
      throw mapDriverError(error, 'User');
    }
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUserRecord(row) : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return rows.map(toUserRecord);
  }

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
    return row ? toUserRecord(row) : undefined;
  }

  async findByUsernames(usernames: readonly string[]): Promise<UserRecord[]> {
    if (usernames.length === 0) return [];
    const names = [...new Set(usernames.map((u) => u.toLowerCase()))];
    const rows = await this.db.selectFrom('users').selectAll().where('username', 'in', names).execute();
    return rows.map(toUserRecord);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row ? toUserRecord(row) : undefined;
  }

  async count(filter: UserFilter = {}): Promise<number> {
    const row = await this.applyFilter(this.db.selectFrom('users'), filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One page of users matching `filter`, ordered by `sort` (username by default). */
  async list(filter: UserFilter, page: { offset: number; limit: number; sort?: UserSort }): Promise<UserRecord[]> {
    let query = this.applyFilter(this.db.selectFrom('users').selectAll('users'), filter);
    switch (page.sort) {
      case 'last_activity_at':
        query = query.orderBy('users.last_activity_at', 'desc').orderBy('users.username');
        break;
      case 'create_at':
        query = query.orderBy('users.create_at', 'desc').orderBy('users.id');
        break;
      case 'admin':
        // Mattermost's GetProfilesInChannelByAdmin: channel admins first, then by username.
        query = query
          .orderBy(sql`(select sa.scheme_admin from channel_members sa where sa.user_id = users.id and sa.channel_id = ${filter.inChannel ?? ''})`, 'desc')
          .orderBy('users.username');
        break;
      default:
        query = query.orderBy('users.username');
    }
    const rows = await query.limit(page.limit).offset(page.offset).execute();
    return rows.map(toUserRecord);
  }

  /**
   * Users whose username, nickname, names or email start with a word of `term`, as Mattermost's
   * search does: a term with several words must match each of them.
   */
  async search(options: UserSearchOptions): Promise<UserRecord[]> {
    let query = this.applyFilter(this.db.selectFrom('users').selectAll('users'), options);
    const words = options.term
      .toLowerCase()
      .replace(/^@/, '')
      .split(/\s+/)
      .filter(Boolean);
    // No searched column holds more than 128 characters, so a longer word matches nothing; SQLite
    // would also refuse such a LIKE pattern (its limit is 50,000 bytes) with an error.
    if (words.some((w) => w.length > SEARCHABLE_MAX_LENGTH)) return [];
    for (const word of words) {
      const prefix = `${escapeLike(word)}%`;
      query = query.where((eb) => {
        const columns: Array<'users.username' | 'users.nickname' | 'users.first_name' | 'users.last_name' | 'users.email'> = [
          'users.username',
          'users.nickname',
        ];
        if (options.allowFullNames) columns.push('users.first_name', 'users.last_name');
        if (options.allowEmails) columns.push('users.email');
        return eb.or(columns.map((c) => likeEscaped(sql`lower(${sql.ref(c)})`, prefix)));
      });
    }
    const rows = await query.orderBy('users.username').limit(options.limit).execute();
    return rows.map(toUserRecord);
  }

  async updateFailedAttempts(id: string, attempts: number): Promise<void> {
    await this.db.updateTable('users').set({ failed_attempts: attempts }).where('id', '=', id).execute();
  }

  async updateLastLogin(id: string, at: number): Promise<void> {
    await this.db.updateTable('users').set({ last_login: at }).where('id', '=', id).execute();
  }

  /** Bumps update_at so clients refetch the profile (team joins and leaves do this). */
  async touch(id: string, at: number): Promise<void> {
    await this.db.updateTable('users').set({ update_at: at }).where('id', '=', id).execute();
  }

  async updateLastActivity(id: string, at: number): Promise<void> {
    await this.db.updateTable('users').set({ last_activity_at: at }).where('id', '=', id).execute();
  }

  /** Sets last_picture_update (positive: uploaded picture; zero or negative: the generated default) and update_at. */
  async updateLastPictureUpdate(id: string, lastPictureUpdate: number, updateAt: number): Promise<void> {
    await this.db.updateTable('users').set({ last_picture_update: lastPictureUpdate, update_at: updateAt }).where('id', '=', id).execute();
  }

  async permanentDelete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }

  /** Sets a password hash; as in Mattermost this also makes the account an email one and clears failed attempts. */
  async updatePassword(id: string, hash: string, at: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password: hash, last_password_update: at, update_at: at, auth_data: null, auth_service: '', failed_attempts: 0 })
      .where('id', '=', id)
      .execute();
  }

  /** Moves the account to a login provider: the password is cleared, failed attempts too. */
  async updateAuthData(id: string, authService: string, authData: string, at: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password: '', last_password_update: at, update_at: at, failed_attempts: 0, auth_service: authService, auth_data: authData })
      .where('id', '=', id)
      .execute();
  }

  async findByAuthData(authData: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('auth_data', '=', authData).executeTakeFirst();
    return row ? toUserRecord(row) : undefined;
  }

  /** Marks `email` verified and makes it the account's address. @throws ConflictError when another account has it */
  async verifyEmail(id: string, email: string, at: number): Promise<void> {
    try {
      await this.db.updateTable('users').set({ email, email_verified: 1, update_at: at }).where('id', '=', id).execute();
    } catch (error) {
      throw mapDriverError(error, 'User');
    }
  }

  /** Applies the filter's WHERE clauses. */
  private applyFilter<Q extends UserQuery>(query: Q, filter: UserFilter): Q {
    let q: UserQuery = query;
    if (filter.ids) q = filter.ids.length ? q.where('users.id', 'in', filter.ids) : q.where(sql<boolean>`1 = 0`);
    if (filter.inactive === true) q = q.where('users.delete_at', '>', 0);
    if (filter.inactive === false) q = q.where('users.delete_at', '=', 0);
    if (filter.excludeBots) q = q.where('users.is_bot', '=', 0);
    if (filter.botsOnly) q = q.where('users.is_bot', '=', 1);
    if (filter.updatedSince !== undefined) q = q.where('users.update_at', '>', filter.updatedSince);
    if (filter.inTeam) q = q.where(liveTeamMembership(filter.inTeam));
    if (filter.notInTeam) q = q.where((eb) => eb.not(liveTeamMembership(filter.notInTeam ?? '')));
    // Mattermost counts any live membership, whatever the state of the team.
    if (filter.withoutTeam) q = q.where(sql<boolean>`not exists (select 1 from team_members wt where wt.user_id = users.id and wt.delete_at = 0)`);
    if (filter.restrictToTeams) {
      q = q.where(visibleUserClause('users.id', { teamIds: filter.restrictToTeams, channelIds: filter.restrictToChannels ?? [] }));
    }
    if (filter.inChannel) q = q.where(channelMembership(filter.inChannel));
    if (filter.notInChannel) q = q.where((eb) => eb.not(channelMembership(filter.notInChannel ?? '')));
    if (filter.inGroupChannel) q = q.where(channelMembership(filter.inGroupChannel));
    if (filter.channelRoles?.length && filter.inChannel) q = q.where(channelRoleClause(filter.inChannel, filter.channelRoles));
    if (filter.roles && filter.roles.length) {
      const roles = filter.roles;
      q = q.where((eb) =>
        eb.or(
          roles.map((role) =>
            eb.or([
              eb('users.roles', '=', role),
              likeEscaped(eb.ref('users.roles'), `${escapeLike(role)} %`),
              likeEscaped(eb.ref('users.roles'), `% ${escapeLike(role)}`),
              likeEscaped(eb.ref('users.roles'), `% ${escapeLike(role)} %`),
            ]),
          ),
        ),
      );
    }
    return q as Q;
  }
}
