import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { isValidId, newId } from '../../model/ids.js';
import { CHANNEL_MODERATED_PERMISSIONS, DEFAULT_ROLES, P, ROLE_NAMES, isValidRoleName } from '../../model/permissions.js';
import type { Role } from '../../model/role.js';
import {
  SCHEME_DESCRIPTION_MAX_LENGTH,
  SCHEME_DISPLAY_NAME_MAX_LENGTH,
  SCHEME_SCOPE_CHANNEL,
  SCHEME_SCOPE_TEAM,
  isValidSchemeName,
  type Scheme,
  type SchemePatch,
} from '../../model/scheme.js';
import type { TeamRecord } from '../../model/team.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { RoleCatalog } from '../roles/role-catalog.js';

/**
 * What schemes need from the channels area: listing the channels of a channel scheme and putting
 * them back on the team's scheme when it is deleted. Until channels exist no channel has a scheme.
 */
export interface SchemeChannels {
  listChannelsForScheme(schemeId: string, page: { offset: number; limit: number }): Promise<unknown[]>;
  clearChannelScheme(tx: Store, schemeId: string): Promise<void>;
}

type RoleColumn = keyof Pick<
  Scheme,
  | 'default_team_admin_role'
  | 'default_team_user_role'
  | 'default_team_guest_role'
  | 'default_channel_admin_role'
  | 'default_channel_user_role'
  | 'default_channel_guest_role'
  | 'default_playbook_admin_role'
  | 'default_playbook_member_role'
  | 'default_run_admin_role'
  | 'default_run_member_role'
>;

/** The roles a scheme owns: the built-in role each copies, and Mattermost's display name. */
const TEAM_SCOPE_ROLES: ReadonlyArray<[RoleColumn, string, string]> = [
  ['default_team_admin_role', ROLE_NAMES.teamAdmin, 'Team Admin Role for Scheme'],
  ['default_team_user_role', ROLE_NAMES.teamUser, 'Team User Role for Scheme'],
  ['default_team_guest_role', ROLE_NAMES.teamGuest, 'Team Guest Role for Scheme'],
  ['default_playbook_admin_role', ROLE_NAMES.playbookAdmin, 'Playbook Admin Role for Scheme'],
  ['default_playbook_member_role', ROLE_NAMES.playbookMember, 'Playbook Member Role for Scheme'],
  ['default_run_admin_role', ROLE_NAMES.runAdmin, 'Run Admin Role for Scheme'],
  ['default_run_member_role', ROLE_NAMES.runMember, 'Run Member Role for Scheme'],
];
const CHANNEL_SCOPE_ROLES: ReadonlyArray<[RoleColumn, string, string]> = [
  ['default_channel_admin_role', ROLE_NAMES.channelAdmin, 'Channel Admin Role for Scheme'],
  ['default_channel_user_role', ROLE_NAMES.channelUser, 'Channel User Role for Scheme'],
  ['default_channel_guest_role', ROLE_NAMES.channelGuest, 'Channel Guest Role for Scheme'],
];

const ALL_ROLE_COLUMNS: readonly RoleColumn[] = [...TEAM_SCOPE_ROLES, ...CHANNEL_SCOPE_ROLES].map(([column]) => column);

/** Permission schemes: CRUD, their roles, and the teams that follow them. Free of any licence. */
export class SchemeService {
  channels: SchemeChannels | undefined;

  constructor(private readonly deps: { store: Store; uow: UnitOfWork; clock: Clock; permissions: Permissions; roles: RoleCatalog }) {}

  /**
   * GET /schemes, newest first.
   * @throws AppError 403 (sysconsole_read_user_management_permissions), 400 scope
   */
  async getSchemes(ctx: RequestContext, scope: string, page: { page: number; perPage: number }): Promise<Scheme[]> {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementPermissions);
    if (scope !== '' && scope !== SCHEME_SCOPE_TEAM && scope !== SCHEME_SCOPE_CHANNEL) throw AppError.invalidUrlParam('scope');
    return this.deps.store.schemes.list(scope, { offset: page.page * page.perPage, limit: page.perPage });
  }

  /** @throws AppError 403, 404 app.scheme.get.app_error */
  async getScheme(ctx: RequestContext, schemeId: string): Promise<Scheme> {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementPermissions);
    return this.scheme(schemeId);
  }

  /**
   * POST /schemes: creates the scheme and its roles, copied from the built-in roles (a channel
   * scheme's roles start with the moderated channel permissions only, its admin role empty).
   * @throws AppError 403 (sysconsole_write_user_management_permissions), 400 app.scheme.save.invalid_scheme.app_error
   */
  async createScheme(ctx: RequestContext, input: { name?: string; display_name?: string; description?: string; scope?: string }): Promise<Scheme> {
    this.deps.permissions.require(ctx, P.sysconsoleWriteUserManagementPermissions);
    const now = this.deps.clock.now();
    const scope = input.scope ?? '';
    // Role names are the server's to choose: whatever the client sent for them is ignored.
    const scheme: Scheme = {
      id: newId(),
      name: input.name || newId(),
      display_name: input.display_name ?? '',
      description: input.description ?? '',
      create_at: now,
      update_at: now,
      delete_at: 0,
      scope,
      default_team_admin_role: '',
      default_team_user_role: '',
      default_team_guest_role: '',
      default_channel_admin_role: '',
      default_channel_user_role: '',
      default_channel_guest_role: '',
      default_playbook_admin_role: '',
      default_playbook_member_role: '',
      default_run_admin_role: '',
      default_run_member_role: '',
    };
    const owned = scope === SCHEME_SCOPE_TEAM ? [...TEAM_SCOPE_ROLES, ...CHANNEL_SCOPE_ROLES] : scope === SCHEME_SCOPE_CHANNEL ? CHANNEL_SCOPE_ROLES : [];
    const roles = owned.map(([column, builtIn, label]) => {
      const role = this.schemeRole(builtIn, `${label} ${scheme.name}`, scope, now);
      scheme[column] = role.name;
      return role;
    });
    if (!isValidScheme(scheme)) throw AppError.badRequest('app.scheme.save.invalid_scheme.app_error');
    try {
      await this.deps.uow.run(async (tx, emit) => {
        for (const role of roles) await tx.roles.insert(role);
        await tx.schemes.insert(scheme);
        emit(event('scheme.created', { scheme }));
      });
    } catch (error) {
      throw invalidOnConflict(error);
    }
    await this.deps.roles.reload();
    return scheme;
  }

  /**
   * PUT /schemes/{id}/patch: name, display name and description.
   * @throws AppError 404, 403, 400 app.scheme.save.invalid_scheme.app_error
   */
  async patchScheme(ctx: RequestContext, schemeId: string, patch: SchemePatch): Promise<Scheme> {
    const current = await this.scheme(schemeId);
    this.deps.permissions.require(ctx, P.sysconsoleWriteUserManagementPermissions);
    const next: Scheme = { ...current, update_at: this.deps.clock.now() };
    if (patch.display_name !== undefined) next.display_name = patch.display_name;
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.description !== undefined) next.description = patch.description;
    if (!isValidScheme(next)) throw AppError.badRequest('app.scheme.save.invalid_scheme.app_error');
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.schemes.update(next);
        emit(event('scheme.updated', { scheme: next }));
      });
    } catch (error) {
      throw invalidOnConflict(error);
    }
    await this.deps.roles.reload();
    return next;
  }

  /**
   * DELETE /schemes/{id}: its teams (or channels) go back to the system scheme; its roles are deleted.
   * @throws AppError 403, 404
   */
  async deleteScheme(ctx: RequestContext, schemeId: string): Promise<void> {
    this.deps.permissions.require(ctx, P.sysconsoleWriteUserManagementPermissions);
    const scheme = await this.scheme(schemeId);
    const now = this.deps.clock.now();
    const owned = scheme.scope === SCHEME_SCOPE_TEAM ? ALL_ROLE_COLUMNS : CHANNEL_SCOPE_ROLES.map(([c]) => c);
    const deleted: Scheme = { ...scheme, delete_at: now, update_at: now };
    await this.deps.uow.run(async (tx, emit) => {
      if (scheme.scope === SCHEME_SCOPE_TEAM) await tx.teams.clearScheme(schemeId);
      if (scheme.scope === SCHEME_SCOPE_CHANNEL && this.channels) await this.channels.clearChannelScheme(tx, schemeId);
      await tx.roles.deleteByNames(owned.map((c) => scheme[c]).filter(Boolean), now);
      await tx.schemes.softDelete(schemeId, now);
      emit(event('scheme.deleted', { scheme: deleted }));
    });
    await this.deps.roles.reload();
  }

  /**
   * GET /schemes/{id}/teams.
   * @throws AppError 403 (sysconsole_read_user_management_teams), 404, 400 api.scheme.get_teams_for_scheme.scope.error
   */
  async getTeamsForScheme(ctx: RequestContext, schemeId: string, page: { page: number; perPage: number }): Promise<TeamRecord[]> {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementTeams);
    const scheme = await this.scheme(schemeId);
    if (scheme.scope !== SCHEME_SCOPE_TEAM) throw AppError.badRequest('api.scheme.get_teams_for_scheme.scope.error');
    return this.deps.store.teams.listByScheme(schemeId, { offset: page.page * page.perPage, limit: page.perPage });
  }

  /**
   * GET /schemes/{id}/channels (an empty list until the channels area provides them).
   * @throws AppError 403 (sysconsole_read_user_management_channels), 404, 400 api.scheme.get_channels_for_scheme.scope.error
   */
  async getChannelsForScheme(ctx: RequestContext, schemeId: string, page: { page: number; perPage: number }): Promise<unknown[]> {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementChannels);
    const scheme = await this.scheme(schemeId);
    if (scheme.scope !== SCHEME_SCOPE_CHANNEL) throw AppError.badRequest('api.scheme.get_channels_for_scheme.scope.error');
    return this.channels ? this.channels.listChannelsForScheme(schemeId, { offset: page.page * page.perPage, limit: page.perPage }) : [];
  }

  /** @throws AppError 404 app.scheme.get.app_error (deleted schemes are still found, as in Mattermost) */
  private async scheme(schemeId: string): Promise<Scheme> {
    const scheme = await this.deps.store.schemes.findById(schemeId);
    if (!scheme) throw AppError.notFound('app.scheme.get.app_error', `scheme_id=${schemeId}`);
    return scheme;
  }

  private schemeRole(builtIn: string, displayName: string, scope: string, now: number): Role {
    let permissions = [...(this.deps.roles.get(builtIn)?.permissions ?? DEFAULT_ROLES[builtIn]?.permissions ?? [])];
    if (scope === SCHEME_SCOPE_CHANNEL) {
      // A channel scheme only moderates: its admin role starts empty, the others keep moderated permissions.
      permissions = builtIn === ROLE_NAMES.channelAdmin ? [] : permissions.filter((p) => p in CHANNEL_MODERATED_PERMISSIONS);
    }
    return {
      id: newId(),
      name: newId(),
      display_name: displayName.slice(0, 128),
      description: '',
      create_at: now,
      update_at: now,
      delete_at: 0,
      permissions,
      scheme_managed: true,
      built_in: false,
    };
  }
}

/** Mattermost's Scheme.IsValid for team and channel schemes. */
function isValidScheme(scheme: Scheme): boolean {
  if (!isValidId(scheme.id)) return false;
  if (scheme.display_name === '' || scheme.display_name.length > SCHEME_DISPLAY_NAME_MAX_LENGTH) return false;
  if (!isValidSchemeName(scheme.name)) return false;
  if (scheme.description.length > SCHEME_DESCRIPTION_MAX_LENGTH) return false;
  if (scheme.scope !== SCHEME_SCOPE_TEAM && scheme.scope !== SCHEME_SCOPE_CHANNEL) return false;
  const channelRoles: RoleColumn[] = ['default_channel_admin_role', 'default_channel_user_role', 'default_channel_guest_role'];
  if (!channelRoles.every((c) => isValidRoleName(scheme[c]))) return false;
  if (scheme.scope === SCHEME_SCOPE_TEAM) return TEAM_SCOPE_ROLES.every(([c]) => isValidRoleName(scheme[c]));
  return scheme.default_team_admin_role === '' && scheme.default_team_user_role === '' && scheme.default_team_guest_role === '';
}

// A taken name fails Mattermost's insert with a 500; Parley calls it what it is, an invalid scheme.
function invalidOnConflict(error: unknown): unknown {
  return isConflict(error) ? AppError.badRequest('app.scheme.save.invalid_scheme.app_error', 'name taken') : error;
}
