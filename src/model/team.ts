/**
 * Teams and team memberships as Mattermost's JSON has them, plus the stored records behind them.
 */

/** Team types: open to anyone allowed to join public teams, or by invitation only. */
export const TEAM_OPEN = 'O';
export const TEAM_INVITE = 'I';

export const TEAM_NAME_MIN_LENGTH = 2;
export const TEAM_NAME_MAX_LENGTH = 64;
export const TEAM_DISPLAY_NAME_MAX_RUNES = 64;
export const TEAM_DESCRIPTION_MAX_LENGTH = 255;
export const TEAM_COMPANY_NAME_MAX_LENGTH = 64;
export const TEAM_EMAIL_MAX_LENGTH = 128;
export const TEAM_ALLOWED_DOMAINS_MAX_LENGTH = 500;

/** Prefixes no team name may start with: they collide with the web app's own routes. */
export const RESERVED_TEAM_NAME_PREFIXES: readonly string[] = Object.freeze([
  'admin',
  'api',
  'channel',
  'claim',
  'error',
  'files',
  'help',
  'landing',
  'login',
  'mfa',
  'oauth',
  'plug',
  'plugins',
  'post',
  'signup',
  'boards',
  'playbooks',
]);

/** The stored team. `scheme_id` null and '' both mean "the system scheme". */
export interface TeamRecord {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  display_name: string;
  name: string;
  description: string;
  email: string;
  type: string;
  company_name: string;
  allowed_domains: string;
  invite_id: string;
  allow_open_invite: boolean;
  last_team_icon_update: number;
  scheme_id: string | null;
  group_constrained: boolean | null;
  cloud_limits_archived: boolean;
}

/** A team as Mattermost sends it (`last_team_icon_update` is left out while 0, as Mattermost does). */
export type Team = Omit<TeamRecord, 'last_team_icon_update'> & {
  last_team_icon_update?: number;
  policy_id: string | null;
};

/** The fields PUT /teams/{id}/patch may change. */
export interface TeamPatch {
  display_name?: string;
  description?: string;
  company_name?: string;
  allowed_domains?: string;
  allow_open_invite?: boolean;
  group_constrained?: boolean;
  cloud_limits_archived?: boolean;
}

/** Role flags and explicit roles of a membership; what role resolution needs. */
export interface MemberRoleFlags {
  /** Explicit (non scheme-managed) roles, space separated. */
  explicit_roles: string;
  scheme_guest: boolean;
  scheme_user: boolean;
  scheme_admin: boolean;
}

/** The stored membership. */
export interface TeamMemberRecord extends MemberRoleFlags {
  team_id: string;
  user_id: string;
  delete_at: number;
  create_at: number;
}

/** A membership as Mattermost sends it: `roles` holds explicit and scheme-derived role names. */
export interface TeamMember {
  team_id: string;
  user_id: string;
  roles: string;
  delete_at: number;
  scheme_guest: boolean;
  scheme_user: boolean;
  scheme_admin: boolean;
  explicit_roles: string;
}

export interface TeamStats {
  team_id: string;
  total_member_count: number;
  active_member_count: number;
}

/** True when Mattermost would list the team as joinable without an invitation. */
export function isOpenTeam(team: Pick<TeamRecord, 'type' | 'allow_open_invite'>): boolean {
  return team.type === TEAM_OPEN && team.allow_open_invite;
}

/**
 * Keeps `type` and `allow_open_invite` in step as current Mattermost does: an invite-only type
 * closes open invites, and a team without open invites is invite-only.
 */
export function syncTeamType<T extends Pick<TeamRecord, 'type' | 'allow_open_invite'>>(team: T): T {
  if (team.type === TEAM_INVITE) team.allow_open_invite = false;
  if (!team.allow_open_invite) team.type = TEAM_INVITE;
  else if (team.type !== TEAM_INVITE) team.type = TEAM_OPEN;
  return team;
}
