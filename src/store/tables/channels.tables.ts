import type { Generated } from 'kysely';

export interface ChannelsTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  /** '' for direct and group messages. */
  team_id: Generated<string>;
  /** 'O', 'P', 'D' or 'G'. */
  type: string;
  display_name: Generated<string>;
  name: string;
  header: Generated<string>;
  purpose: Generated<string>;
  last_post_at: Generated<number>;
  last_root_post_at: Generated<number>;
  total_msg_count: Generated<number>;
  total_msg_count_root: Generated<number>;
  extra_update_at: Generated<number>;
  creator_id: Generated<string>;
  scheme_id: string | null;
  /** JSON text, or null while no prop was ever set (Mattermost sends null then). */
  props: string | null;
  group_constrained: number | null;
  shared: number | null;
}

export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  /** Explicit roles only; scheme roles come from the scheme flags. */
  roles: Generated<string>;
  last_viewed_at: Generated<number>;
  msg_count: Generated<number>;
  mention_count: Generated<number>;
  mention_count_root: Generated<number>;
  urgent_mention_count: Generated<number>;
  msg_count_root: Generated<number>;
  /** JSON text. */
  notify_props: string;
  last_update_at: Generated<number>;
  scheme_guest: Generated<number>;
  scheme_user: Generated<number>;
  scheme_admin: Generated<number>;
}

export interface SidebarCategoriesTable {
  id: string;
  user_id: string;
  team_id: string;
  sort_order: Generated<number>;
  sorting: Generated<string>;
  type: string;
  display_name: Generated<string>;
  muted: Generated<number>;
  collapsed: Generated<number>;
}

export interface SidebarChannelsTable {
  channel_id: string;
  user_id: string;
  category_id: string;
  sort_order: Generated<number>;
}

export interface ChannelTables {
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  sidebar_categories: SidebarCategoriesTable;
  sidebar_channels: SidebarChannelsTable;
}
