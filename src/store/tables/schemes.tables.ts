import type { Generated } from 'kysely';

export interface SchemesTable {
  id: string;
  name: string;
  display_name: string;
  description: Generated<string>;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  /** 'team' or 'channel'. */
  scope: string;
  default_team_admin_role: Generated<string>;
  default_team_user_role: Generated<string>;
  default_team_guest_role: Generated<string>;
  default_channel_admin_role: Generated<string>;
  default_channel_user_role: Generated<string>;
  default_channel_guest_role: Generated<string>;
  default_playbook_admin_role: Generated<string>;
  default_playbook_member_role: Generated<string>;
  default_run_admin_role: Generated<string>;
  default_run_member_role: Generated<string>;
}

export interface SchemeTables {
  schemes: SchemesTable;
}
