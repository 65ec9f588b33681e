import type { Generated } from 'kysely';

export interface StatusTable {
  user_id: string;
  status: string;
  manual: Generated<number>;
  last_activity_at: Generated<number>;
  /** Seconds since the epoch (Mattermost's unit for this column); 0 when DND does not end by itself. */
  dnd_end_time: Generated<number>;
  prev_status: Generated<string>;
}

export interface StatusTables {
  status: StatusTable;
}
