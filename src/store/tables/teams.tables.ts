import type { Generated } from 'kysely';

export interface TeamsTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  display_name: string;
  name: string;
  description: Generated<string>;
  email: Generated<string>;
  /** 'O' (open) or 'I' (invite only). */
  type: string;
  company_name: Generated<string>;
  allowed_domains: Generated<string>;
  invite_id: string;
  allow_open_invite: Generated<number>;
  last_team_icon_update: Generated<number>;
  scheme_id: string | null;
  /** null when never set, as Mattermost's nullable column. */
  group_constrained: number | null;
  cloud_limits_archived: Generated<number>;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  /** Explicit roles only; scheme roles come from the scheme flags. */
  roles: Generated<string>;
  delete_at: Generated<number>;
  scheme_guest: Generated<number>;
  scheme_user: Generated<number>;
  scheme_admin: Generated<number>;
  create_at: Generated<number>;
}

export interface TeamTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
}
