import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { ClusterNode } from './cluster/cluster-node.js';
import type { ClusterOptions } from './cluster/cluster-options.js';
import { LiveConfig } from './config/live-config.js';
import type { LoadedConfig } from './config/loader.js';
import { EventBus } from './events/event-bus.js';
import { buildHttpServer } from './http/server.js';
import { systemClock, type Clock } from './lib/clock.js';
import { DND_EXPIRY_INTERVAL_MS } from './model/status.js';
import { Realtime, type RealtimeOptions } from './realtime/realtime.js';
import { LoginService } from './services/auth/login.service.js';
import { MfaService } from './services/auth/mfa.service.js';
import { SessionService } from './services/auth/session.service.js';
import { Permissions } from './services/common/permissions.js';
import type { BroadcastMembership, ChannelAccess } from './services/common/membership.js';
import { UnitOfWork } from './services/common/unit-of-work.js';
import { ConfiguredFileStore } from './services/files/configured-file-store.js';
import { RoleCatalog } from './services/roles/role-catalog.js';
import { RoleService } from './services/roles/role.service.js';
import { SchemeService } from './services/schemes/scheme.service.js';
import type { Services } from './services/services.js';
import { CustomStatusService } from './services/statuses/custom-status.service.js';
import { StatusService } from './services/statuses/status.service.js';
import { TypingService } from './services/statuses/typing.service.js';
import { ClusterService } from './services/system/cluster.service.js';
import { SystemService } from './services/system/system.service.js';
import { TeamHookList } from './services/teams/team-hooks.js';
import { TeamIconService } from './services/teams/team-icon.service.js';
import { TeamInviteService } from './services/teams/team-invite.service.js';
import { TeamMemberService } from './services/teams/team-member.service.js';
import { TeamQueryService } from './services/teams/team-query.service.js';
import { TeamScopes } from './services/teams/team-scopes.js';
import { TeamService } from './services/teams/team.service.js';
import { AuditService } from './services/users/audit.service.js';
import { ProfileImageService } from './services/users/profile-image.service.js';
import { UserQueryService } from './services/users/user-query.service.js';
import { UserService } from './services/users/user.service.js';
import { AuthSwitchService } from './services/auth/auth-switch.service.js';
import { Mailer } from './services/mail/mailer.js';
import { AccessTokenService } from './services/users/access-token.service.js';
import { EmailVerificationService } from './services/users/email-verification.service.js';
import { OneTimeTokens } from './services/users/one-time-token.js';
import { PasswordService } from './services/users/password.service.js';
import { OAuthAppService } from './services/oauth/oauth-app.service.js';
import { OAuthProviderService } from './services/oauth/oauth-provider.service.js';
import { BotService } from './services/bots/bot.service.js';
import { BotIconService } from './services/bots/bot-icon.service.js';
import { GroupScopes } from './services/groups/group-scopes.js';
import { GroupAccess } from './services/groups/group-access.js';
import { GroupService } from './services/groups/group.service.js';
import { GroupQueryService } from './services/groups/group-query.service.js';
import { GroupMemberService } from './services/groups/group-member.service.js';
import { GroupSyncableService } from './services/groups/group-syncable.service.js';
import { ChannelAccess as ChannelAccessService } from './services/channels/channel-access.js';
import { buildChannelServices } from './services/channels/channel-services.js';
import { PreferenceService } from './services/preferences/preference.service.js';
import { EmojiService } from './services/emoji/emoji.service.js';
import { ChannelMembershipSource } from './services/channels/channel-membership-source.js';
import { openDatabase, type Database } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';
import { migrations } from './store/migrations/index.js';
import { Store } from './store/store.js';

export interface AppOptions {
  config: LoadedConfig;
  logger?: FastifyBaseLogger;
  clock?: Clock;
  /** An already open database (tests share one per file); opened from config otherwise. */
  database?: Database;
  /** Outgoing email; SMTP per EmailSettings otherwise. */
  mailer?: Mailer;
  /** WebSocket timings and sizes (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
  /** Channel and team memberships for delivery and channel permissions; the stores' (cached) by default. */
  membership?: BroadcastMembership & ChannelAccess;
  /** Join a cluster of nodes over Redis; without it the node runs alone with the in-process bus. */
  cluster?: ClusterOptions;
}

export interface ParleyApp {
  http: FastifyInstance;
  services: Services;
  realtime: Realtime;
  /** This node in its cluster, when clustered. */
  cluster: ClusterNode | undefined;
  database: Database;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

/** The composition root: opens and migrates the database, builds every service, then the HTTP server. */
export async function buildApp(options: AppOptions): Promise<ParleyApp> {
  const config = new LiveConfig(options.config);
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const settings = config.get().SqlSettings;
  const database =
    options.database ?? openDatabase({ driver: settings.DriverName === 'postgres' ? 'postgres' : 'sqlite', dataSource: settings.DataSource });
  await migrateToLatest(database.db);

  const store = new Store(database.db, database.dialect);
  const bus = new EventBus();
  const uow = new UnitOfWork(store, bus);
  const roles = new RoleCatalog(store, bus);
  await roles.initialise(clock.now());
  const permissions = new Permissions(roles, store);
  const sessions = new SessionService({ store, config, clock, bus });
  const audits = new AuditService({ store, clock, permissions });
  const mfa = new MfaService({ store, config, clock, permissions });
  const login = new LoginService({ store, config, clock, sessions, mfa, audits });
  const userQueries = new UserQueryService({ store, config, permissions });
  const channelAccess = new ChannelAccessService({ store, permissions, config });
  const teamScopes = new TeamScopes({ store, permissions, channels: channelAccess });
  userQueries.scopes = teamScopes;
  const teamHooks = new TeamHookList();
  const mailer = options.mailer ?? new Mailer({ config, logger });
  const files = new ConfiguredFileStore(config);
  const teamMembers = new TeamMemberService({ store, uow, config, clock, permissions, roles, hooks: teamHooks, userQueries, scopes: teamScopes });
  const teams = new TeamService({ store, uow, config, clock, permissions, roles, hooks: teamHooks, members: teamMembers });
  const teamQueries = new TeamQueryService({ store, config, permissions, teams, scopes: teamScopes });
  const teamInvites = new TeamInviteService({ store, config, clock, permissions, members: teamMembers, mailer });
  const teamIcons = new TeamIconService({ store, uow, config, clock, permissions, files });
  const users = new UserService({ store, uow, config, clock, permissions, sessions, invitations: teamInvites });
  const roleAdmin = new RoleService({ store, uow, clock, permissions, roles });
  const schemes = new SchemeService({ store, uow, clock, permissions, roles });
  const system = new SystemService({ store, config, bus, files });
  const channelServices = buildChannelServices({ store, uow, config, clock, permissions, roles, access: channelAccess, userQueries, teamMembers, teamHooks, schemes });
  await system.initialise();
  const statuses = new StatusService({ store, config, clock, bus, permissions });
  const preferences = new PreferenceService({ store, uow, permissions });
  const customStatuses = new CustomStatusService({ config, clock, permissions, users, preferences });
  const membership = options.membership ?? new ChannelMembershipSource({ store, bus, access: channelAccess, userQueries });
  const typing = new TypingService({ bus, channels: membership });
  const profileImages = new ProfileImageService({ store, uow, config, clock, permissions, files, userQueries });
  const emoji = new EmojiService({ store, uow, config, clock, permissions, files });

  const oneTimeTokens = new OneTimeTokens({ store, clock });
  const accessTokens = new AccessTokenService({ store, config, clock, permissions, sessions, mailer, audits });
  const passwords = new PasswordService({ store, config, clock, permissions, sessions, mailer, audits, tokens: oneTimeTokens });
  const emailVerification = new EmailVerificationService({ store, uow, config, clock, permissions, mailer, audits, tokens: oneTimeTokens, login });
  const authSwitch = new AuthSwitchService({ store, config, clock, permissions, sessions, login, passwords, mailer, audits });
  const oauthApps = new OAuthAppService({ store, config, clock, permissions, sessions, users });
  const oauthProvider = new OAuthProviderService({ store, config, clock, permissions, sessions, users, apps: oauthApps });
  const bots = new BotService({ store, uow, config, clock, permissions, sessions, users });
  accessTokens.bots = bots;
  const botIcons = new BotIconService({ store, uow, clock, files, bots, userQueries });
  const groupAccess = new GroupAccess({ store, config, permissions });
  groupAccess.scopes = new GroupScopes({ store, permissions, channels: channelAccess });
  const groups = new GroupService({ store, uow, config, clock, permissions, access: groupAccess });
  const groupQueries = new GroupQueryService({ store, config, permissions, access: groupAccess, userQueries });
  const groupMembers = new GroupMemberService({ store, uow, clock, permissions, access: groupAccess, users });
  const groupSyncables = new GroupSyncableService({ permissions, access: groupAccess });

  const clusterNode = options.cluster
    ? await ClusterNode.start({
        options: options.cluster,
        bus,
        schemaVersion: Object.keys(migrations).at(-1) ?? '',
        configHash: () => system.configHash(),
        usersGone: async (userIds) => {
          for (const userId of userIds) await statuses.setStatusOffline(userId, false);
        },
        logError: (message, error) => logger.error({ err: error }, message),
      })
    : undefined;
  const cluster = new ClusterService({ permissions, directory: clusterNode?.registry });

  const services: Services = {
    config,
    clock,
    bus,
    uow,
    roles,
    permissions,
    sessions,
    login,
    mfa,
    audits,
    users,
    userQueries,
    system,
    roleAdmin,
    schemes,
    teams,
    teamQueries,
    teamMembers,
    teamInvites,
    teamIcons,
    teamScopes,
    teamHooks,
    mailer,
    accessTokens,
    passwords,
    emailVerification,
    authSwitch,
    statuses,
    customStatuses,
    typing,
    cluster,
    files,
    profileImages,
    oauthApps,
    oauthProvider,
    bots,
    botIcons,
    groupAccess,
    groups,
    groupQueries,
    groupMembers,
    groupSyncables,
    ...channelServices,
    preferences,
    emoji,
  };
  const http = await buildHttpServer({ services, config, logger, ...(clusterNode ? { rateLimitStore: clusterNode.rateLimits } : {}) });
  const realtime = new Realtime({
    services,
    membership,
    logger,
    ...(clusterNode ? { presence: clusterNode.presence, nodeId: clusterNode.nodeId } : {}),
    ...(options.realtime ? { options: options.realtime } : {}),
  });
  realtime.attach(http.server);
  const dndExpiry = setInterval(() => void statuses.expireDndStatuses().catch((error: unknown) => logger.error({ err: error }, 'DND expiry failed')), DND_EXPIRY_INTERVAL_MS);
  dndExpiry.unref();

  let closed = false;
  return {
    http,
    services,
    realtime,
    cluster: clusterNode,
    database,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(dndExpiry);
      await realtime.close();
      await http.close();
      await clusterNode?.stop();
      if (!options.database) await database.close();
    },
  };
}

function createLogger(config: LiveConfig): FastifyBaseLogger {
  const settings = config.get().LogSettings;
  const level = settings.EnableConsole ? settings.ConsoleLevel.toLowerCase().replace('warn', 'warn') : 'silent';
  return pino({ level: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(level) ? level : 'info' });
}
