import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { newId } from '../../model/ids.js';
import { P, ROLE_NAMES, isValidRoleName } from '../../model/permissions.js';
import {
  defaultNotifyProps,
  defaultTimezone,
  hasRole,
  type User,
  type UserPatch,
  type UserRecord,
} from '../../model/user.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import type { SessionService } from '../auth/session.service.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Emit, UnitOfWork } from '../common/unit-of-work.js';
import { doubleCheckPassword, hashPassword, validatePassword } from './password.js';
import { isEmailDomainAllowed, normaliseUser, validateUser } from './user-rules.js';
import { toWireUser, type ViewOptions } from './user-view.js';

/** What a client may send to create a user; everything else is decided by the server. */
export interface CreateUserInput {
  username?: string;
  email?: string;
  password?: string;
  nickname?: string;
  first_name?: string;
  last_name?: string;
  position?: string;
  locale?: string;
  props?: Record<string, string>;
  notify_props?: Record<string, string>;
  timezone?: Record<string, string>;
  auth_data?: string;
  auth_service?: string;
  email_verified?: boolean;
  allow_marketing?: boolean;
  disable_welcome_email?: boolean;
}

/**
 * Decides whether a signup may join through a team invitation and does the joining; the teams
 * area provides it. Without one, invitation signups are refused.
 */
export interface SignupInvitations {
  /**
   * Says whether the signup's email counts as verified (an emailed token proves it).
   * @throws AppError when the invitation is unknown, expired or not for this email.
   */
  check(kind: 'token' | 'invite_id', value: string, email: string): Promise<{ emailVerified: boolean }>;
  /** Adds the new user to the invitation's team; called after the user is stored. */
  accept(kind: 'token' | 'invite_id', value: string, user: UserRecord): Promise<void>;
}

/**
 * What other areas do when an account changes state: bots are disabled with their owner, group
 * memberships and OAuth grants go with an erased account. Registered with `addLifecycleHooks`.
 */
export interface UserLifecycleHooks {
  /** After the account was deactivated and its sessions ended. */
  userDeactivated?(user: UserRecord): Promise<void>;
  /** Inside the transaction that erases the account, before its row goes. */
  userErased?(tx: Store, userId: string): Promise<void>;
}

export interface UserServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  sessions: SessionService;
  invitations?: SignupInvitations;
}

/** Account life cycle: create, read, change, roles, activation, deletion. */
export class UserService {
  private readonly hooks: UserLifecycleHooks[] = [];

  constructor(private readonly deps: UserServiceDeps) {}

  addLifecycleHooks(hooks: UserLifecycleHooks): void {
    this.hooks.push(hooks);
  }

  /** How `ctx` may see other users (privacy settings, admin override). */
  viewFor(ctx: RequestContext, userId: string): ViewOptions {
    const config = this.deps.config.get();
    return {
      self: ctx.session?.user_id === userId || ctx.isSystem,
      showEmail: config.PrivacySettings.ShowEmailAddress,
      showFullName: config.PrivacySettings.ShowFullName,
      asAdmin: this.deps.permissions.isSystemAdmin(ctx),
    };
  }

  /** The user's JSON as its owner sees it (everything but secrets): for creators, editors and logins. */
  presentFull(user: UserRecord): User {
    return toWireUser(user, { self: true, showEmail: true, showFullName: true, asAdmin: true });
  }

  /** The user's JSON as `ctx` may see it. */
  present(ctx: RequestContext, user: UserRecord): User {
    return toWireUser(user, this.viewFor(ctx, user.id));
  }

  /**
   * Mattermost's createUser: signup (open server or first user), admin creation, or an invitation.
   * @throws AppError 501 signup disabled, 403 no_open_server, 400 validation and duplicates
   */
  async createUser(ctx: RequestContext, input: CreateUserInput, invite?: { kind: 'token' | 'invite_id'; value: string }): Promise<UserRecord> {
    const config = this.deps.config.get();
    const isAdmin = this.deps.permissions.isSystemAdmin(ctx);
    const user = this.newRecord(input, isAdmin);
    if (invite) {
      if (!config.TeamSettings.EnableUserCreation && !isAdmin) {
        throw new AppError('api.user.create_user.signup_email_disabled.app_error', 501);
      }
      if (!this.deps.invitations) throw AppError.badRequest('api.user.create_user.invalid_invitation_type.app_error');
      const checked = await this.deps.invitations.check(invite.kind, invite.value, user.email.toLowerCase());
      user.email_verified = checked.emailVerified;
    } else if (!isAdmin) {
      if (!config.EmailSettings.EnableSignUpWithEmail || !config.TeamSettings.EnableUserCreation) {
        throw new AppError('api.user.create_user.signup_email_disabled.app_error', 501);
      }
      if (!config.TeamSettings.EnableOpenServer && (await this.deps.store.users.count()) > 0) {
        throw new AppError('api.user.create_user.no_open_server', 403, { details: `email=${user.email}` });
      }
      user.email_verified = false;
    }
    const created = await this.insertUser(user, input.password ?? '');
    if (invite && this.deps.invitations) await this.deps.invitations.accept(invite.kind, invite.value, created);
    return created;
  }

  /**
   * Stores a prepared record: domain and password rules, first-user promotion, hashing. Used by
   * signup, admin creation, bots and imports alike. Bots have no password. `alsoWrite` joins the
   * same transaction (a bot row written with its user).
   * @throws AppError 400 on broken rules and duplicates
   */
  async insertUser(user: UserRecord, password: string, alsoWrite?: (tx: Store, emit: Emit) => Promise<void>): Promise<UserRecord> {
    const config = this.deps.config.get();
    if (!user.is_bot && !hasRole(user.roles, ROLE_NAMES.systemGuest) && !isEmailDomainAllowed(user.email, config)) {
      throw AppError.badRequest('api.user.create_user.accepted_domain.app_error');
    }
    if (!user.is_bot && (!user.auth_service || password)) validatePassword(password, config.PasswordSettings);
    normaliseUser(user);
    validateUser(user);
    if (password) user.password = await hashPassword(password);
    try {
      return await this.deps.uow.run(async (tx, emit) => {
        // The very first account administers the server, as in Mattermost.
        if (!user.is_bot && (await tx.users.count()) === 0) user.roles = `${ROLE_NAMES.systemAdmin} ${ROLE_NAMES.systemUser}`;
        await tx.users.insert(user);
        emit(event('user.created', { user }));
        if (alsoWrite) await alsoWrite(tx, emit);
        return user;
      });
    } catch (error) {
      throw await this.duplicateError(error, user);
    }
  }

  /** @throws AppError 404 app.user.missing_account.const */
  async getUser(id: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findById(id);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${id}`);
    return user;
  }

  /** @throws AppError 404 */
  async getUserByUsername(username: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findByUsername(username);
    if (!user) throw AppError.notFound('app.user.get_by_username.app_error', `username=${username}`);
    return user;
  }

  /** @throws AppError 404 */
  async getUserByEmail(email: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findByEmail(email);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `email=${email}`);
    return user;
  }

  /**
   * PUT /users/{id}/patch: changes the fields present in `patch`. Changing one's own email needs
   * the current password; only admins may change an admin.
   * @throws AppError 403, 404, 400
   */
  async patchUser(ctx: RequestContext, userId: string, patch: UserPatch & { password?: string }): Promise<UserRecord> {
    const current = await this.getUser(userId);
    this.checkCanEdit(ctx, current);
    if (patch.email !== undefined && patch.email.toLowerCase() !== current.email && ctx.session?.user_id === userId) {
      if (patch.password === undefined) throw AppError.invalidParam('password');
      await this.checkPasswordForChange(current, patch.password);
    }
    const next: UserRecord = { ...current };
    if (patch.username !== undefined) next.username = patch.username;
    if (patch.nickname !== undefined) next.nickname = patch.nickname;
    if (patch.first_name !== undefined) next.first_name = patch.first_name;
    if (patch.last_name !== undefined) next.last_name = patch.last_name;
    if (patch.position !== undefined) next.position = patch.position;
    if (patch.email !== undefined) next.email = patch.email;
    if (patch.props !== undefined) next.props = patch.props;
    if (patch.notify_props !== undefined) next.notify_props = patch.notify_props;
    if (patch.locale !== undefined) next.locale = patch.locale;
    if (patch.timezone !== undefined) next.timezone = patch.timezone;
    return this.saveProfile(current, next);
  }

  /**
   * PUT /users/{id}: replaces the profile fields with those of `user`.
   * @throws AppError 403, 404, 400
   */
  async updateUser(ctx: RequestContext, userId: string, input: UserPatch & { password?: string }): Promise<UserRecord> {
    const current = await this.getUser(userId);
    const defaults: UserPatch = {
      username: current.username,
      email: current.email,
      nickname: '',
      first_name: '',
      last_name: '',
      position: '',
      locale: current.locale,
    };
    return this.patchUser(ctx, userId, { ...defaults, ...input });
  }

  /**
   * PUT /users/{id}/roles. Needs manage_roles; the new roles apply to live sessions at once.
   * @throws AppError 400 invalid roles, 400 app.role.check_roles_exist.role_not_found, 403, 404
   */
  async updateUserRoles(ctx: RequestContext, userId: string, roles: string): Promise<UserRecord> {
    if (!isValidUserRoles(roles)) throw AppError.invalidParam('roles');
    this.deps.permissions.require(ctx, P.manageRoles);
    const current = await this.getUser(userId);
    const unknown = roles.split(/\s+/).find((name) => name !== '' && !this.deps.permissions.roleExists(name));
    if (unknown !== undefined) throw AppError.badRequest('app.role.check_roles_exist.role_not_found', `role=${unknown}`);
    const next = { ...current, roles: roles.trim().split(/\s+/).join(' '), update_at: this.deps.clock.now() };
    validateUser(next);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.users.update(next);
      await tx.sessions.updateRolesForUser(userId, next.roles);
      emit(event('user.roles_changed', { user: next }));
    });
    this.deps.sessions.forgetUser(userId);
    return next;
  }

  /**
   * PUT /users/{id}/active. Deactivation ends every session and token of the user at once.
   * @throws AppError 403 api.user.update_active.permissions.app_error, 401 not_enable, 404
   */
  async updateUserActive(ctx: RequestContext, userId: string, active: boolean): Promise<UserRecord> {
    const selfDeactivate = !active && ctx.session?.user_id === userId;
    const config = this.deps.config.get();
    if (!selfDeactivate && !this.deps.permissions.hasAny(ctx, [P.sysconsoleWriteUserManagementUsers, P.manageSystem])) {
      throw new AppError('api.user.update_active.permissions.app_error', 403, { details: `userId=${userId}` });
    }
    if (selfDeactivate && !config.TeamSettings.EnableUserDeactivation) {
      throw new AppError('api.user.update_active.not_enable.app_error', 401, { details: `userId=${userId}` });
    }
    const user = await this.getUser(userId);
    return this.setActive(user, active);
  }

  /**
   * DELETE /users/{id}: deactivates, or with `permanent` erases the account (when the config allows).
   * @throws AppError 403, 401 not enabled, 404
   */
  async deleteUser(ctx: RequestContext, userId: string, permanent: boolean): Promise<void> {
    const user = await this.getUser(userId);
    this.deps.permissions.requireActOnUser(ctx, userId);
    if (hasRole(user.roles, ROLE_NAMES.systemAdmin)) this.deps.permissions.require(ctx, P.manageSystem);
    const config = this.deps.config.get();
    if (ctx.session?.user_id === userId && !config.TeamSettings.EnableUserDeactivation && !this.deps.permissions.isSystemAdmin(ctx)) {
      throw new AppError('api.user.update_active.not_enable.app_error', 401, { details: `userId=${userId}` });
    }
    if (!permanent) {
      await this.setActive(user, false);
      return;
    }
    if (!config.ServiceSettings.EnableAPIUserDeletion) {
      throw new AppError('api.user.delete_user.not_enabled.app_error', 401, { details: `userId=${userId}` });
    }
    this.deps.permissions.require(ctx, P.manageSystem);
    await this.permanentDelete(user);
  }

  /** Erases the user and everything that hangs off the account. */
  async permanentDelete(user: UserRecord): Promise<void> {
    await this.deps.sessions.revokeAllForUser(user.id);
    await this.deps.uow.run(async (tx, emit) => {
      for (const hooks of this.hooks) await hooks.userErased?.(tx, user.id);
      await tx.accessTokens.deleteForUser(user.id);
      await tx.audits.deleteForUser(user.id);
      await tx.teamMembers.deleteForUser(user.id);
      await tx.channelMembers.deleteForUser(user.id);
      await tx.sidebar.deleteForUser(user.id);
      await tx.preferences.deleteForUser(user.id);
      await tx.users.permanentDelete(user.id);
      emit(event('user.deleted', { userId: user.id }));
    });
  }

  /** Activates or deactivates without permission checks (callers checked). */
  async setActive(user: UserRecord, active: boolean): Promise<UserRecord> {
    const now = this.deps.clock.now();
    const next: UserRecord = { ...user, delete_at: active ? 0 : now, update_at: now };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.users.update(next);
      emit(event('user.activation_changed', { user: next }));
    });
    if (!active) await this.deps.sessions.revokeAllForUser(user.id);
    this.deps.sessions.forgetUser(user.id);
    if (!active) for (const hooks of this.hooks) await hooks.userDeactivated?.(next);
    return next;
  }

  /**
   * Rewrites the user's props without permission checks (callers checked): the custom status and
   * other settings Mattermost keeps in props. Announced like any profile change.
   * @throws AppError 404
   */
  async setProps(userId: string, change: (props: Record<string, string>) => Record<string, string>): Promise<UserRecord> {
    const current = await this.getUser(userId);
    return this.saveProfile(current, { ...current, props: change({ ...current.props }) });
  }

  /** @throws AppError 403 unless `ctx` may edit the user (admins only by admins). */
  checkCanEdit(ctx: RequestContext, user: UserRecord): void {
    this.deps.permissions.requireActOnUser(ctx, user.id);
    if (hasRole(user.roles, ROLE_NAMES.systemAdmin)) this.deps.permissions.require(ctx, P.manageSystem);
  }

  private async saveProfile(current: UserRecord, next: UserRecord): Promise<UserRecord> {
    const config = this.deps.config.get();
    normaliseUser(next);
    if (next.email !== current.email) {
      if (!isEmailDomainAllowed(next.email, config)) throw AppError.badRequest('api.user.update_user.accepted_domain.app_error');
      next.email_verified = false;
    }
    next.update_at = this.deps.clock.now();
    if (next.username !== current.username) {
      renameMentionKey(next, current.username);
      // The generated picture shows the username's initial: a new last_picture_update (negative,
      // still the default) makes clients fetch it again, as Mattermost does on a rename.
      if (next.last_picture_update <= 0) next.last_picture_update = -next.update_at;
    }
    validateUser(next);
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.users.update(next);
        emit(event('user.updated', { user: next }));
      });
    } catch (error) {
      throw await this.duplicateError(error, next);
    }
    return next;
  }

  private async checkPasswordForChange(user: UserRecord, password: string): Promise<void> {
    await doubleCheckPassword(this.deps.store, user, password, this.deps.config.get().ServiceSettings.MaximumLoginAttempts);
  }

  /** Names the taken field; runs after the failed transaction (PostgreSQL refuses queries inside it). */
  async duplicateError(error: unknown, user: UserRecord): Promise<unknown> {
    if (!isConflict(error)) return error;
    const sameEmail = await this.deps.store.users.findByEmail(user.email);
    if (sameEmail && sameEmail.id !== user.id) return AppError.badRequest('app.user.save.email_exists.app_error');
    return AppError.badRequest('app.user.save.username_exists.app_error');
  }

  /** A new account's record with Mattermost's defaults; `isAdmin` lets auth and verification fields through. */
  newRecord(input: CreateUserInput, isAdmin: boolean): UserRecord {
    const now = this.deps.clock.now();
    const id = newId();
    return {
      id,
      create_at: now,
      update_at: now,
      delete_at: 0,
      // Mattermost gives an account without a username a random one rather than refusing it.
      username: input.username ?? id,
      password: '',
      auth_data: isAdmin && input.auth_data ? input.auth_data : null,
      auth_service: isAdmin ? (input.auth_service ?? '') : '',
      email: (input.email ?? '').trim(),
      email_verified: isAdmin ? (input.email_verified ?? false) : false,
      nickname: input.nickname ?? '',
      first_name: input.first_name ?? '',
      last_name: input.last_name ?? '',
      position: input.position ?? '',
      roles: ROLE_NAMES.systemUser,
      allow_marketing: input.allow_marketing ?? false,
      props: input.props ?? {},
      notify_props: input.notify_props && Object.keys(input.notify_props).length ? input.notify_props : defaultNotifyProps(),
      last_password_update: now,
      last_picture_update: 0,
      failed_attempts: 0,
      locale: input.locale || 'en',
      timezone: input.timezone ?? defaultTimezone(),
      mfa_active: false,
      mfa_secret: '',
      mfa_used_timestamps: [],
      remote_id: null,
      last_activity_at: 0,
      is_bot: false,
      bot_description: '',
      bot_last_icon_update: 0,
      terms_of_service_id: '',
      terms_of_service_create_at: 0,
      disable_welcome_email: input.disable_welcome_email ?? false,
      last_login: 0,
    };
  }
}

/** Mattermost refuses a role string made of system_admin alone, and names outside its charset. */
export function isValidUserRoles(roles: unknown): roles is string {
  if (typeof roles !== 'string') return false;
  const names = roles.split(/\s+/).filter(Boolean);
  if (!names.every(isValidRoleName)) return false;
  return !(names.length === 1 && names[0] === ROLE_NAMES.systemAdmin);
}

function renameMentionKey(user: UserRecord, oldUsername: string): void {
  const keys = (user.notify_props['mention_keys'] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k && k !== oldUsername && k !== `@${oldUsername}`);
  user.notify_props = { ...user.notify_props, mention_keys: keys.join(',') };
}
