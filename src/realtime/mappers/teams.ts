import type { DomainEventMap } from '../../events/domain-events.js';
import type { TeamRecord } from '../../model/team.js';
import { toWireTeam } from '../../services/teams/team-view.js';
import type { EventMappers } from '../event-mapper.js';
import { broadcastTo, type OutboundEvent } from '../websocket-event.js';

/**
 * Mattermost's sendTeamEvent: the team, sanitised for every receiver (no invite id, no email), as a
 * JSON string, to the team's members.
 */
function teamEvent(name: string, team: TeamRecord): OutboundEvent {
  return { event: name, data: { team: JSON.stringify(toWireTeam(team, 'sanitized')) }, broadcast: broadcastTo({ team_id: team.id }) };
}

/** added_to_team to the user who joined (the team's other members learn it from user_added in its channels). */
function addedToTeam({ member }: DomainEventMap['team_member.added']): OutboundEvent[] {
  const data = { team_id: member.team_id, user_id: member.user_id };
  return [{ event: 'added_to_team', data, broadcast: broadcastTo({ user_id: member.user_id }) }];
}

/** leave_team to the rest of the team and, separately, to the user who is no longer in it. */
function leaveTeam({ member }: DomainEventMap['team_member.removed']): OutboundEvent[] {
  const data = { user_id: member.user_id, team_id: member.team_id };
  return [
    { event: 'leave_team', data, broadcast: broadcastTo({ team_id: member.team_id, omit_users: { [member.user_id]: true } }) },
    { event: 'leave_team', data, broadcast: broadcastTo({ user_id: member.user_id }) },
  ];
}

/** memberrole_updated to the member, with the membership as a JSON string. */
function memberRoleUpdated({ member }: DomainEventMap['team_member.roles_changed']): OutboundEvent[] {
  return [{ event: 'memberrole_updated', data: { member: JSON.stringify(member) }, broadcast: broadcastTo({ user_id: member.user_id }) }];
}

/** The team events of Mattermost's team app. A new team is announced by its creator's added_to_team. */
export const teamMappers: EventMappers = {
  'team_member.added': addedToTeam,
  'team_member.removed': leaveTeam,
  'team_member.roles_changed': memberRoleUpdated,
  'team.updated': ({ team }) => [teamEvent('update_team', team)],
  'team.scheme_changed': ({ team }) => [teamEvent('update_team_scheme', team)],
  'team.deleted': ({ team }) => [teamEvent('delete_team', team)],
  'team.restored': ({ team }) => [teamEvent('restore_team', team)],
};
