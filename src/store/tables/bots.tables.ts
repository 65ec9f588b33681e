import type { Generated } from 'kysely';

/** Bot accounts; the user row with the same id holds username, display name and roles. */
export interface BotsTable {
  user_id: string;
  owner_id: string;
  description: Generated<string>;
  last_icon_update: Generated<number>;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
}

export interface BotTables {
  bots: BotsTable;
}
