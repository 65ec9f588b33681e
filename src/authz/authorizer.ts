import { P } from '../model/permissions.js';
import type { Scheme } from '../model/scheme.js';
import type { MemberRoleFlags } from '../model/team.js';
import {
  BUILT_IN_CHANNEL_ROLES,
  channelRolesOf,
  mergeChannelHigherScopedPermissions,
  resolveChannelMemberRoles,
  resolveTeamMemberRoles,
  roleForKind,
} from './scheme-roles.js';

/**
 * Pure permission decisions: given role names and what each role grants, does a set of roles
 * grant a permission? Who holds which roles (sessions, team and channel members, schemes) is
 * gathered by the services; this module only decides.
 */
export interface RoleGrants {
  /** Permissions granted by the named role; undefined for an unknown or deleted role. */
  permissionsOf(roleName: string): ReadonlySet<string> | undefined;
}

/** True when any of `roleNames` grants `permission` (Mattermost's RolesGrantPermission). */
export function rolesGrantPermission(grants: RoleGrants, roleNames: Iterable<string>, permission: string): boolean {
  for (const name of roleNames) {
    if (grants.permissionsOf(name)?.has(permission)) return true;
  }
  return false;
}

/** Splits Mattermost's space-separated role string. */
export function splitRoles(roles: string): string[] {
  return roles.split(/\s+/).filter(Boolean);
}

/** What a team-scope decision needs to know about the caller. */
export interface TeamScopeInput {
  /** The caller's system roles. */
  systemRoles: readonly string[];
  /** The caller's live membership of the team; absent for non-members. */
  teamMember?: MemberRoleFlags | undefined;
  /** The team's scheme; absent when the team follows the system scheme. */
  teamScheme?: Scheme | undefined;
}

/**
 * Mattermost's SessionHasPermissionToTeam without the session: the membership's roles (scheme
 * roles resolved through the team's scheme) first, then the system roles.
 */
export function teamRolesGrant(grants: RoleGrants, input: TeamScopeInput, permission: string): boolean {
  if (input.teamMember && rolesGrantPermission(grants, resolveTeamMemberRoles(input.teamMember, input.teamScheme).roles, permission)) {
    return true;
  }
  return rolesGrantPermission(grants, input.systemRoles, permission);
}

/** What a channel-scope decision needs: the team part plus the channel, its scheme and membership. */
export interface ChannelScopeInput extends TeamScopeInput {
  /** `team_id` is '' for direct and group messages. */
  channel: { team_id: string };
  channelMember?: MemberRoleFlags | undefined;
  channelScheme?: Scheme | undefined;
}

/**
 * True when the channel membership's roles grant the permission. Roles that come from the
 * channel's own scheme grant only what channel moderation leaves them (see
 * mergeChannelHigherScopedPermissions); explicit roles grant what they hold.
 */
export function channelMemberRolesGrant(grants: RoleGrants, input: ChannelScopeInput, permission: string): boolean {
  const member = input.channelMember;
  if (!member) return false;
  const channelRoles = channelRolesOf(input.channelScheme);
  const teamChannelRoles = channelRolesOf(input.teamScheme);
  for (const name of resolveChannelMemberRoles(member, input.channelScheme, input.teamScheme).roles) {
    let permissions = grants.permissionsOf(name);
    const kind = channelRoles ? (['guest', 'user', 'admin'] as const).find((k) => channelRoles[k] === name) : undefined;
    if (permissions && kind) {
      const higher = grants.permissionsOf(roleForKind(kind, [teamChannelRoles], BUILT_IN_CHANNEL_ROLES));
      permissions = mergeChannelHigherScopedPermissions(permissions, kind, higher ?? new Set());
    }
    if (permissions?.has(permission)) return true;
  }
  return false;
}

/**
 * Mattermost's SessionHasPermissionToChannel without the session: channel roles, then
 * manage_system, then the team scope (or the system roles for channels outside teams).
 */
export function channelRolesGrant(grants: RoleGrants, input: ChannelScopeInput, permission: string): boolean {
  if (channelMemberRolesGrant(grants, input, permission)) return true;
  if (rolesGrantPermission(grants, input.systemRoles, P.manageSystem)) return true;
  if (input.channel.team_id) return teamRolesGrant(grants, input, permission);
  return rolesGrantPermission(grants, input.systemRoles, permission);
}
