import type { Generated } from 'kysely';

/** Custom emoji; a deleted one keeps its row with delete_at set, so its name can be taken again. */
export interface EmojiTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  creator_id: string;
  name: string;
}

export interface EmojiTables {
  emoji: EmojiTable;
}
