import type { LiveConfig } from '../config/live-config.js';
import type { EventBus } from '../events/event-bus.js';
import type { Clock } from '../lib/clock.js';
import type { LoginService } from './auth/login.service.js';
import type { MfaService } from './auth/mfa.service.js';
import type { SessionService } from './auth/session.service.js';
import type { Permissions } from './common/permissions.js';
import type { UnitOfWork } from './common/unit-of-work.js';
import type { RoleCatalog } from './roles/role-catalog.js';
import type { SystemService } from './system/system.service.js';
import type { AuditService } from './users/audit.service.js';
import type { UserQueryService } from './users/user-query.service.js';
import type { UserService } from './users/user.service.js';
import type { AuthSwitchService } from './auth/auth-switch.service.js';
import type { Mailer } from './mail/mailer.js';
import type { AccessTokenService } from './users/access-token.service.js';
import type { EmailVerificationService } from './users/email-verification.service.js';
import type { PasswordService } from './users/password.service.js';
import type { OAuthAppService } from './oauth/oauth-app.service.js';
import type { OAuthProviderService } from './oauth/oauth-provider.service.js';
import type { BotService } from './bots/bot.service.js';
import type { BotIconService } from './bots/bot-icon.service.js';
import type { GroupService } from './groups/group.service.js';
import type { GroupQueryService } from './groups/group-query.service.js';
import type { GroupMemberService } from './groups/group-member.service.js';
import type { GroupSyncableService } from './groups/group-syncable.service.js';
import type { GroupAccess } from './groups/group-access.js';

/** Everything the transports may call. Built once in app.ts; routes receive it as plugin options. */
export interface Services {
  readonly config: LiveConfig;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly uow: UnitOfWork;
  readonly roles: RoleCatalog;
  readonly permissions: Permissions;
  readonly sessions: SessionService;
  readonly login: LoginService;
  readonly mfa: MfaService;
  readonly audits: AuditService;
  readonly users: UserService;
  readonly userQueries: UserQueryService;
  readonly system: SystemService;
  readonly mailer: Mailer;
  readonly accessTokens: AccessTokenService;
  readonly passwords: PasswordService;
  readonly emailVerification: EmailVerificationService;
  readonly authSwitch: AuthSwitchService;
  readonly oauthApps: OAuthAppService;
  readonly oauthProvider: OAuthProviderService;
  readonly bots: BotService;
  readonly botIcons: BotIconService;
  /** Set `groupAccess.scopes` to let group listings be scoped to teams and channels. */
  readonly groupAccess: GroupAccess;
  readonly groups: GroupService;
  readonly groupQueries: GroupQueryService;
  readonly groupMembers: GroupMemberService;
  readonly groupSyncables: GroupSyncableService;
}
