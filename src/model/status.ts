/** Presence values a user can have, as Mattermost names them. */
export const STATUS_ONLINE = 'online';
export const STATUS_AWAY = 'away';
export const STATUS_DND = 'dnd';
export const STATUS_OFFLINE = 'offline';
export const STATUS_OUT_OF_OFFICE = 'ooo';

/** Mattermost writes last_activity_at of an unchanged status at most this often (StatusMinUpdateTime). */
export const STATUS_MIN_UPDATE_TIME_MS = 120_000;
/** How often expired "do not disturb" statuses are restored (DNDExpiryInterval). */
export const DND_EXPIRY_INTERVAL_MS = 60_000;

/** A user's presence as Mattermost's JSON has it. `dnd_end_time` is in seconds, unlike other times. */
export interface Status {
  user_id: string;
  status: string;
  manual: boolean;
  last_activity_at: number;
  dnd_end_time: number;
}

/** The stored status: the wire fields plus the status to restore when a timed DND ends. */
export interface StatusRecord extends Status {
  prev_status: string;
}

export function toWireStatus(record: StatusRecord): Status {
  return {
    user_id: record.user_id,
    status: record.status,
    manual: record.manual,
    last_activity_at: record.last_activity_at,
    dnd_end_time: record.dnd_end_time,
  };
}

/** The status of a user the server has never seen online. */
export function offlineStatus(userId: string): StatusRecord {
  return { user_id: userId, status: STATUS_OFFLINE, manual: false, last_activity_at: 0, dnd_end_time: 0, prev_status: '' };
}
