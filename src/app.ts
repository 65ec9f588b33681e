import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { LiveConfig } from './config/live-config.js';
import type { LoadedConfig } from './config/loader.js';
import { EventBus } from './events/event-bus.js';
import { buildHttpServer } from './http/server.js';
import { systemClock, type Clock } from './lib/clock.js';
import { LoginService } from './services/auth/login.service.js';
import { MfaService } from './services/auth/mfa.service.js';
import { SessionService } from './services/auth/session.service.js';
import { Permissions } from './services/common/permissions.js';
import { UnitOfWork } from './services/common/unit-of-work.js';
import { RoleCatalog } from './services/roles/role-catalog.js';
import type { Services } from './services/services.js';
import { SystemService } from './services/system/system.service.js';
import { AuditService } from './services/users/audit.service.js';
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
import { LocalFileStore } from './services/files/local-file-store.js';
import { GroupAccess } from './services/groups/group-access.js';
import { GroupService } from './services/groups/group.service.js';
import { GroupQueryService } from './services/groups/group-query.service.js';
import { GroupMemberService } from './services/groups/group-member.service.js';
import { GroupSyncableService } from './services/groups/group-syncable.service.js';
import { openDatabase, type Database } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';
import { Store } from './store/store.js';

export interface AppOptions {
  config: LoadedConfig;
  logger?: FastifyBaseLogger;
  clock?: Clock;
  /** An already open database (tests share one per file); opened from config otherwise. */
  database?: Database;
}

export interface ParleyApp {
  http: FastifyInstance;
  services: Services;
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
  const permissions = new Permissions(roles);
  const sessions = new SessionService({ store, config, clock, bus });
  const audits = new AuditService({ store, clock, permissions });
  const mfa = new MfaService({ store, config, clock, permissions });
  const login = new LoginService({ store, config, clock, sessions, mfa, audits });
  const users = new UserService({ store, uow, config, clock, permissions, sessions });
  const userQueries = new UserQueryService({ store, config, permissions });
  const system = new SystemService({ store, config });
  await system.initialise();

  const mailer = new Mailer({ config, logger });
  const oneTimeTokens = new OneTimeTokens({ store, clock });
  const accessTokens = new AccessTokenService({ store, config, clock, permissions, sessions, mailer, audits });
  const passwords = new PasswordService({ store, config, clock, permissions, sessions, mailer, audits, tokens: oneTimeTokens });
  const emailVerification = new EmailVerificationService({ store, uow, config, clock, permissions, mailer, audits, tokens: oneTimeTokens, login });
  const authSwitch = new AuthSwitchService({ store, config, clock, permissions, sessions, login, passwords, mailer, audits });
  const oauthApps = new OAuthAppService({ store, config, clock, permissions, sessions, users });
  const oauthProvider = new OAuthProviderService({ store, config, clock, permissions, sessions, users, apps: oauthApps });
  const files = new LocalFileStore(() => config.get().FileSettings.Directory);
  const bots = new BotService({ store, uow, config, clock, permissions, sessions, users });
  accessTokens.bots = bots;
  const botIcons = new BotIconService({ store, uow, clock, files, bots, userQueries });
  const groupAccess = new GroupAccess({ store, config, permissions });
  const groups = new GroupService({ store, uow, config, clock, permissions, access: groupAccess });
  const groupQueries = new GroupQueryService({ store, config, permissions, access: groupAccess, userQueries });
  const groupMembers = new GroupMemberService({ store, uow, clock, permissions, access: groupAccess, users });
  const groupSyncables = new GroupSyncableService({ permissions, access: groupAccess });

  const services: Services = {
    config, clock, bus, uow, roles, permissions, sessions, login, mfa, audits, users, userQueries, system,
    mailer, accessTokens, passwords, emailVerification, authSwitch,
    oauthApps, oauthProvider, bots, botIcons, groupAccess, groups, groupQueries, groupMembers, groupSyncables,
  };
  const http = await buildHttpServer({ services, config, logger });

  let closed = false;
  return {
    http,
    services,
    database,
    async close() {
      if (closed) return;
      closed = true;
      await http.close();
      if (!options.database) await database.close();
    },
  };
}

function createLogger(config: LiveConfig): FastifyBaseLogger {
  const settings = config.get().LogSettings;
  const level = settings.EnableConsole ? settings.ConsoleLevel.toLowerCase().replace('warn', 'warn') : 'silent';
  return pino({ level: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(level) ? level : 'info' });
}
