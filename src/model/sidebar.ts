/** Sidebar categories (a user's grouping of channels, per team) as Mattermost's JSON has them. */

export const CATEGORY_FAVORITES = 'favorites';
export const CATEGORY_CHANNELS = 'channels';
export const CATEGORY_DIRECT_MESSAGES = 'direct_messages';
export const CATEGORY_CUSTOM = 'custom';

/** Sorting modes: '' behaves like manual. */
export const CATEGORY_SORTINGS: readonly string[] = ['', 'manual', 'recent', 'alpha'];

/** Distance between sort orders, so items can be slotted in between. */
export const SIDEBAR_SORT_DISTANCE = 10;

export const CATEGORY_DISPLAY_NAME_MAX_RUNES = 64;

export interface SidebarCategory {
  id: string;
  user_id: string;
  team_id: string;
  sort_order: number;
  sorting: string;
  type: string;
  display_name: string;
  muted: boolean;
  collapsed: boolean;
}

export interface SidebarCategoryWithChannels extends SidebarCategory {
  channel_ids: string[];
}

export interface OrderedSidebarCategories {
  categories: SidebarCategoryWithChannels[];
  order: string[];
}

/** The id Mattermost gives a default category: `{type}_{userId}_{teamId}`, so it is made once only. */
export function defaultCategoryId(type: string, userId: string, teamId: string): string {
  return `${type}_${userId}_${teamId}`;
}

const DEFAULT_CATEGORY_ID = /^(favorites|channels|direct_messages)_[a-z0-9]{26}_[a-z0-9]{26}$/;

/** Mattermost's IsValidCategoryId: a plain id, or a default category's composed id. */
export function isValidCategoryId(value: string): boolean {
  return /^[a-zA-Z0-9]{26}$/.test(value) || DEFAULT_CATEGORY_ID.test(value);
}
