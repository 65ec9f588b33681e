import { AppError } from '../../model/app-error.js';
import type { TeamRecord } from '../../model/team.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';

/**
 * The team, or the error the calling endpoint answers when it is missing (Mattermost's endpoints
 * differ: most say 404 app.team.get.find.app_error, the icon ones a 400 of their own).
 * @throws AppError
 */
export async function requireTeamRecord(
  store: Store,
  teamId: string,
  missing: () => AppError = () => AppError.notFound('app.team.get.find.app_error', `team_id=${teamId}`),
): Promise<TeamRecord> {
  const team = await store.teams.findById(teamId);
  if (!team) throw missing();
  return team;
}

/** @throws AppError 404 app.team.get_by_invite_id.finding.app_error */
export async function requireTeamByInviteId(store: Store, inviteId: string): Promise<TeamRecord> {
  const team = await store.teams.findByInviteId(inviteId);
  if (!team) throw AppError.notFound('app.team.get_by_invite_id.finding.app_error', `invite_id=${inviteId}`);
  return team;
}

/** @throws AppError 404 app.user.missing_account.const */
export async function requireUserRecord(store: Store, userId: string): Promise<UserRecord> {
  const user = await store.users.findById(userId);
  if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
  return user;
}
