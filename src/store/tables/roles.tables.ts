import type { Generated } from 'kysely';

export interface RolesTable {
  id: string;
  name: string;
  display_name: Generated<string>;
  description: Generated<string>;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  /** Space-separated permission ids, as Mattermost stores them. */
  permissions: Generated<string>;
  scheme_managed: Generated<number>;
  built_in: Generated<number>;
}

export interface RoleTables {
  roles: RolesTable;
}
