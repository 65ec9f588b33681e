import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isValidTeamName } from '../../services/teams/team-rules.js';

/** A team as clients send it; unknown fields are ignored, wrong types refused as "team". */
export const TeamBody = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  display_name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  company_name: Type.Optional(Type.String()),
  allowed_domains: Type.Optional(Type.String()),
  invite_id: Type.Optional(Type.String()),
  allow_open_invite: Type.Optional(Type.Boolean()),
  last_team_icon_update: Type.Optional(Type.Number()),
  scheme_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  group_constrained: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  cloud_limits_archived: Type.Optional(Type.Boolean()),
});

export const TeamPatchBody = Type.Object({
  display_name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  company_name: Type.Optional(Type.String()),
  allowed_domains: Type.Optional(Type.String()),
  allow_open_invite: Type.Optional(Type.Boolean()),
  group_constrained: Type.Optional(Type.Boolean()),
  cloud_limits_archived: Type.Optional(Type.Boolean()),
});

export const TeamSearchBody = Type.Object({
  term: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer({ minimum: 0 })),
  per_page: Type.Optional(Type.Integer({ minimum: 0 })),
  allow_open_invite: Type.Optional(Type.Boolean()),
  group_constrained: Type.Optional(Type.Boolean()),
  exclude_policy_constrained: Type.Optional(Type.Boolean()),
  include_policy_id: Type.Optional(Type.Boolean()),
});

export const SchemeRolesBody = Type.Object({
  scheme_admin: Type.Optional(Type.Boolean()),
  scheme_user: Type.Optional(Type.Boolean()),
  scheme_guest: Type.Optional(Type.Boolean()),
});

export const TeamIdParams = Type.Object({ team_id: Type.String() });
export const TeamMemberParams = Type.Object({ team_id: Type.String(), user_id: Type.String() });
export const TeamNameParams = Type.Object({ name: Type.String() });

/** @throws AppError 400 invalid_url_param team_name unless `raw` is a valid team name. */
export function requireTeamName(raw: string): string {
  if (!isValidTeamName(raw)) throw AppError.invalidUrlParam('team_name');
  return raw;
}
