/** A bot account as Mattermost's JSON has it; `user_id` is also the id of the bot's user row. */
export interface Bot {
  /** True for the bots the server itself relies on; they may not be disabled. */
  system_owned: boolean;
  user_id: string;
  username: string;
  /** Left out when empty (omitempty), like description and last_icon_update. */
  display_name?: string;
  description?: string;
  owner_id: string;
  last_icon_update?: number;
  create_at: number;
  update_at: number;
  delete_at: number;
}

/** The stored bot row; username and display name live on the user row. */
export interface BotRecord {
  user_id: string;
  owner_id: string;
  description: string;
  last_icon_update: number;
  create_at: number;
  update_at: number;
  delete_at: number;
}

export interface BotPatch {
  username?: string | undefined;
  display_name?: string | undefined;
  description?: string | undefined;
}

export const BOT_DISPLAY_NAME_MAX_RUNES = 64;
export const BOT_DESCRIPTION_MAX_RUNES = 1024;
/** Owner ids are user ids or plugin ids (Mattermost's KeyValuePluginIdMaxRunes). */
export const BOT_OWNER_ID_MAX_RUNES = 190;

/** Usernames of the bots Mattermost marks system owned. */
export const PROTECTED_BOT_USERNAMES: ReadonlySet<string> = new Set(['system-bot', 'content-review']);
