import { resolveTeamMemberRoles } from '../../authz/scheme-roles.js';
import type { Scheme } from '../../model/scheme.js';
import type { Team, TeamMember, TeamMemberRecord, TeamRecord } from '../../model/team.js';

/**
 * How much of a team a viewer sees, as Mattermost's SanitizeTeam decides: team managers see all;
 * those who may invite keep the invite id; everyone else loses the invite id and the email.
 */
export type TeamVisibility = 'full' | 'invite' | 'sanitized';

/** The team's JSON for a viewer. */
export function toWireTeam(team: TeamRecord, visibility: TeamVisibility = 'full'): Team {
  const out: Team = {
    id: team.id,
    create_at: team.create_at,
    update_at: team.update_at,
    delete_at: team.delete_at,
    display_name: team.display_name,
    name: team.name,
    description: team.description,
    email: visibility === 'full' ? team.email : '',
    type: team.type,
    company_name: team.company_name,
    allowed_domains: team.allowed_domains,
    invite_id: visibility === 'sanitized' ? '' : team.invite_id,
    allow_open_invite: team.allow_open_invite,
    scheme_id: team.scheme_id,
    group_constrained: team.group_constrained,
    policy_id: null,
    cloud_limits_archived: team.cloud_limits_archived,
  };
  // Mattermost leaves the field out while no icon was ever set.
  if (team.last_team_icon_update) out.last_team_icon_update = team.last_team_icon_update;
  return out;
}

/** A membership's JSON: `roles` holds the explicit roles and the roles its scheme flags stand for. */
export function toWireMember(member: TeamMemberRecord, teamScheme: Scheme | undefined): TeamMember {
  const resolved = resolveTeamMemberRoles(member, teamScheme);
  return {
    team_id: member.team_id,
    user_id: member.user_id,
    roles: resolved.roles.join(' '),
    delete_at: member.delete_at,
    scheme_guest: resolved.scheme_guest,
    scheme_user: resolved.scheme_user,
    scheme_admin: resolved.scheme_admin,
    explicit_roles: resolved.explicit_roles.join(' '),
  };
}
