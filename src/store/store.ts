import type { Kysely } from 'kysely';
import { AccessTokenStore } from './access-token.store.js';
import { AuditStore } from './audit.store.js';
import { ChannelMemberStore } from './channel-member.store.js';
import { ChannelStore } from './channel.store.js';
import type { DialectName } from './database.js';
import type { DB } from './schema.js';
import { RoleStore } from './role.store.js';
import { SchemeStore } from './scheme.store.js';
import { SessionStore } from './session.store.js';
import { StatusStore } from './status.store.js';
import { SidebarStore } from './sidebar.store.js';
import { SystemStore } from './system.store.js';
import { TeamMemberStore } from './team-member.store.js';
import { TeamStore } from './team.store.js';
import { TokenStore } from './token.store.js';
import { UserStore } from './user.store.js';
import { OAuthAppStore } from './oauth-app.store.js';
import { OAuthGrantStore } from './oauth-grant.store.js';
import { BotStore } from './bot.store.js';
import { GroupStore } from './group.store.js';
import { GroupMemberStore } from './group-member.store.js';
import { PreferenceStore } from './preference.store.js';
import { EmojiStore } from './emoji.store.js';

/**
 * All table stores over one executor (the pool, or a transaction). Services reach SQL only through
 * this object; `transaction` hands them the same shape bound to one transaction.
 */
export class Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly accessTokens: AccessTokenStore;
  readonly tokens: TokenStore;
  readonly audits: AuditStore;
  readonly system: SystemStore;
  readonly roles: RoleStore;
  readonly schemes: SchemeStore;
  readonly teams: TeamStore;
  readonly teamMembers: TeamMemberStore;
  readonly statuses: StatusStore;
  readonly oauthApps: OAuthAppStore;
  readonly oauthGrants: OAuthGrantStore;
  readonly bots: BotStore;
  readonly groups: GroupStore;
  readonly groupMembers: GroupMemberStore;
  readonly channels: ChannelStore;
  readonly channelMembers: ChannelMemberStore;
  readonly sidebar: SidebarStore;
  readonly preferences: PreferenceStore;
  readonly emoji: EmojiStore;

  constructor(
    readonly db: Kysely<DB>,
    readonly dialect: DialectName,
    private readonly inTransaction = false,
  ) {
    this.users = new UserStore(db);
    this.sessions = new SessionStore(db);
    this.accessTokens = new AccessTokenStore(db);
    this.tokens = new TokenStore(db);
    this.audits = new AuditStore(db);
    this.system = new SystemStore(db);
    this.roles = new RoleStore(db);
    this.schemes = new SchemeStore(db);
    this.teams = new TeamStore(db);
    this.teamMembers = new TeamMemberStore(db);
    this.statuses = new StatusStore(db);
    this.oauthApps = new OAuthAppStore(db);
    this.oauthGrants = new OAuthGrantStore(db);
    this.bots = new BotStore(db);
    this.groups = new GroupStore(db);
    this.groupMembers = new GroupMemberStore(db);
    this.channels = new ChannelStore(db);
    this.channelMembers = new ChannelMemberStore(db);
    this.sidebar = new SidebarStore(db);
    this.preferences = new PreferenceStore(db);
    this.emoji = new EmojiStore(db);
  }

  /**
   * Runs `work` in one transaction; nested calls join the outer one. A thrown error rolls back
   * everything and is re-thrown unchanged.
   */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(new Store(trx, this.dialect, true)));
  }
}
