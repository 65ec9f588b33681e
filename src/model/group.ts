import type { User } from './user.js';

export const GROUP_SOURCE_CUSTOM = 'custom';
export const GROUP_SOURCE_LDAP = 'ldap';
/** Sources a sync job feeds (Mattermost's syncable sources and source prefixes). */
export const SYNCABLE_GROUP_SOURCES: readonly string[] = [GROUP_SOURCE_LDAP];
export const SYNCABLE_GROUP_SOURCE_PREFIXES: readonly string[] = ['plugin_'];

export const GROUP_NAME_MAX_LENGTH = 64;
export const GROUP_DISPLAY_NAME_MAX_LENGTH = 128;
export const GROUP_DESCRIPTION_MAX_LENGTH = 1024;
export const GROUP_REMOTE_ID_MAX_LENGTH = 48;

/** The stored group. */
export interface GroupRecord {
  id: string;
  name: string | null;
  display_name: string;
  description: string;
  source: string;
  remote_id: string | null;
  create_at: number;
  update_at: number;
  delete_at: number;
  allow_reference: boolean;
}

/** A user group as Mattermost's JSON has it. */
export interface Group extends Omit<GroupRecord, 'name'> {
  /** Left out when the group has no name (omitempty). */
  name?: string;
  has_syncables: boolean;
  member_count?: number;
  /** Always present; null unless the member ids were asked for. */
  member_ids: string[] | null;
}

/** A membership as Mattermost's JSON has it; `delete_at` is set when the member left. */
export interface GroupMember {
  group_id: string;
  user_id: string;
  create_at: number;
  delete_at: number;
}

export interface GroupPatch {
  name?: string | undefined;
  display_name?: string | undefined;
  description?: string | undefined;
  allow_reference?: boolean | undefined;
}

/** GET /groups/{id}/members. */
export interface GroupMemberList {
  members: User[];
  total_member_count: number;
}

export interface GroupStats {
  group_id: string;
  total_member_count: number;
}

/** Names a group may not take: they are channel-wide mentions. */
export const RESERVED_GROUP_NAMES: ReadonlySet<string> = new Set(['all', 'channel', 'here']);
