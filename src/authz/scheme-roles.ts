import { CHANNEL_MODERATED_PERMISSIONS, CHANNEL_SCOPED_PERMISSIONS, ROLE_NAMES } from '../model/permissions.js';
import type { Scheme } from '../model/scheme.js';
import type { MemberRoleFlags } from '../model/team.js';

/**
 * Which role names a team or channel membership holds, as Mattermost resolves them: explicit roles
 * plus one role per scheme flag, taken from the most specific scheme that defines it.
 */

export type MembershipKind = 'guest' | 'user' | 'admin';

/** The three role names a scope hands out to guests, users and admins. */
export interface ScopeRoleNames {
  guest: string;
  user: string;
  admin: string;
}

/** A membership's roles after resolution; `roles` is what Mattermost sends as the member's `roles`. */
export interface ResolvedMemberRoles {
  roles: string[];
  explicit_roles: string[];
  scheme_guest: boolean;
  scheme_user: boolean;
  scheme_admin: boolean;
}

export const BUILT_IN_TEAM_ROLES: ScopeRoleNames = Object.freeze({
  guest: ROLE_NAMES.teamGuest,
  user: ROLE_NAMES.teamUser,
  admin: ROLE_NAMES.teamAdmin,
});

export const BUILT_IN_CHANNEL_ROLES: ScopeRoleNames = Object.freeze({
  guest: ROLE_NAMES.channelGuest,
  user: ROLE_NAMES.channelUser,
  admin: ROLE_NAMES.channelAdmin,
});

type TeamSchemeRoles = Pick<Scheme, 'default_team_guest_role' | 'default_team_user_role' | 'default_team_admin_role'>;
type ChannelSchemeRoles = Pick<Scheme, 'default_channel_guest_role' | 'default_channel_user_role' | 'default_channel_admin_role'>;

/** The team roles a team scheme defines ('' where it defines none). */
export function teamRolesOf(scheme: TeamSchemeRoles | undefined | null): ScopeRoleNames | undefined {
  if (!scheme) return undefined;
  return { guest: scheme.default_team_guest_role, user: scheme.default_team_user_role, admin: scheme.default_team_admin_role };
}

/** The channel roles a team or channel scheme defines ('' where it defines none). */
export function channelRolesOf(scheme: ChannelSchemeRoles | undefined | null): ScopeRoleNames | undefined {
  if (!scheme) return undefined;
  return { guest: scheme.default_channel_guest_role, user: scheme.default_channel_user_role, admin: scheme.default_channel_admin_role };
}

const KINDS: readonly MembershipKind[] = ['guest', 'user', 'admin'];

function flagOf(kind: MembershipKind): 'scheme_guest' | 'scheme_user' | 'scheme_admin' {
  return `scheme_${kind}`;
}

/**
 * The role name for one scheme flag: the first scope in `chain` (most specific first) that defines
 * it, else the built-in role.
 */
export function roleForKind(kind: MembershipKind, chain: ReadonlyArray<ScopeRoleNames | undefined>, builtIn: ScopeRoleNames): string {
  for (const scope of chain) {
    const name = scope?.[kind];
    if (name) return name;
  }
  return builtIn[kind];
}

/**
 * Mattermost's getTeamRoles/getChannelRoles: built-in scheme roles left in the explicit roles (data
 * from before schemes) become flags; each flag then adds its role from the scope chain.
 */
function resolve(member: MemberRoleFlags, chain: ReadonlyArray<ScopeRoleNames | undefined>, builtIn: ScopeRoleNames): ResolvedMemberRoles {
  const result: ResolvedMemberRoles = {
    roles: [],
    explicit_roles: [],
    scheme_guest: member.scheme_guest,
    scheme_user: member.scheme_user,
    scheme_admin: member.scheme_admin,
  };
  for (const name of member.explicit_roles.split(/\s+/).filter(Boolean)) {
    const legacy = KINDS.find((kind) => builtIn[kind] === name);
    if (legacy) {
      result[flagOf(legacy)] = true;
      continue;
    }
    result.explicit_roles.push(name);
    result.roles.push(name);
  }
  for (const kind of KINDS) {
    if (!result[flagOf(kind)]) continue;
    const name = roleForKind(kind, chain, builtIn);
    if (!result.roles.includes(name)) result.roles.push(name);
  }
  return result;
}

/** Roles of a team membership under the team's scheme (none: the built-in team roles). */
export function resolveTeamMemberRoles(member: MemberRoleFlags, teamScheme?: TeamSchemeRoles | null): ResolvedMemberRoles {
  return resolve(member, [teamRolesOf(teamScheme)], BUILT_IN_TEAM_ROLES);
}

/**
 * Roles of a channel membership: the channel's scheme first, then the channel roles of its team's
 * scheme, then the built-in channel roles.
 */
export function resolveChannelMemberRoles(
  member: MemberRoleFlags,
  channelScheme?: ChannelSchemeRoles | null,
  teamScheme?: ChannelSchemeRoles | null,
): ResolvedMemberRoles {
  return resolve(member, [channelRolesOf(channelScheme), channelRolesOf(teamScheme)], BUILT_IN_CHANNEL_ROLES);
}

/**
 * Mattermost's Role.MergeChannelHigherScopedPermissions: what a channel scheme's role really
 * grants. Only channel permissions count; a moderated one needs both the role and the higher scope
 * (the team scheme's or the built-in channel role of the same kind), any other comes from the
 * higher scope alone, and the admin role takes everything the higher admin role has.
 */
export function mergeChannelHigherScopedPermissions(
  rolePermissions: ReadonlySet<string>,
  kind: MembershipKind,
  higherScoped: ReadonlySet<string>,
): Set<string> {
  const merged = new Set<string>();
  for (const permission of CHANNEL_SCOPED_PERMISSIONS) {
    if (!higherScoped.has(permission)) continue;
    if (kind === 'admin' || !(permission in CHANNEL_MODERATED_PERMISSIONS) || rolePermissions.has(permission)) merged.add(permission);
  }
  return merged;
}
