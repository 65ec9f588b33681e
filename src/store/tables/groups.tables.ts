import type { Generated } from 'kysely';

export interface UserGroupsTable {
  id: string;
  /** Unique when set; LDAP groups may have none. */
  name: string | null;
  display_name: string;
  description: Generated<string>;
  source: string;
  remote_id: string | null;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  allow_reference: Generated<number>;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  create_at: number;
  /** Non-zero once the member was removed; adding them again clears it. */
  delete_at: Generated<number>;
}

export interface GroupTables {
  user_groups: UserGroupsTable;
  group_members: GroupMembersTable;
}
