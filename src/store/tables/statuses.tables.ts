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

/** Recently used custom statuses per user, newest first, as a JSON array. */
export interface RecentCustomStatusesTable {
  user_id: string;
  statuses: Generated<string>;
}

export interface StatusTables {
  status: StatusTable;
  recent_custom_statuses: RecentCustomStatusesTable;
}
