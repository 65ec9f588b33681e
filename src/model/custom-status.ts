import { runeCount } from './user.js';

/** The user prop that holds the custom status as a JSON string (Mattermost's UserPropsKeyCustomStatus). */
export const CUSTOM_STATUS_PROP = 'customStatus';
export const CUSTOM_STATUS_TEXT_MAX_RUNES = 100;
export const MAX_RECENT_CUSTOM_STATUSES = 5;
/** Go's zero time, which Mattermost writes when a custom status never expires. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const DURATIONS: ReadonlySet<string> = new Set(['thirty_minutes', 'one_hour', 'four_hours', 'today', 'this_week', 'date_and_time']);

/** A custom status as Mattermost's JSON has it; `expires_at` is an RFC 3339 time. */
export interface CustomStatus {
  emoji: string;
  text: string;
  duration: string;
  expires_at: string;
}

/**
 * Reads a custom status the way Go decodes it: unknown fields are ignored, missing ones are empty,
 * a wrong type or an unreadable time makes the whole body invalid (undefined).
 */
export function parseCustomStatus(input: unknown): CustomStatus | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const body = input as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const value = body[key];
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : undefined;
  };
  const emoji = text('emoji');
  const statusText = text('text');
  const duration = text('duration');
  const rawExpiry = text('expires_at');
  if (emoji === undefined || statusText === undefined || duration === undefined || rawExpiry === undefined) return undefined;
  const expiresAt = rawExpiry === '' ? ZERO_TIME : normaliseTime(rawExpiry);
  if (expiresAt === undefined) return undefined;
  return { emoji, text: statusText, duration, expires_at: expiresAt };
}

/** Mattermost's AreDurationAndExpirationTimeValid: a known duration, and an expiry not in the past. */
export function isCustomStatusTimingValid(status: CustomStatus, now: number): boolean {
  const expiry = timeOf(status.expires_at);
  const notPast = expiry >= now;
  if (status.duration === '' && (status.expires_at === ZERO_TIME || notPast)) return true;
  return DURATIONS.has(status.duration) && notPast;
}

/** Mattermost's PreSave: a future expiry without duration means "date_and_time"; long text is cut. */
export function prepareCustomStatus(status: CustomStatus, now: number): CustomStatus {
  const out = { ...status };
  if (out.duration === '' && timeOf(out.expires_at) >= now) out.duration = 'date_and_time';
  if (runeCount(out.text) > CUSTOM_STATUS_TEXT_MAX_RUNES) out.text = [...out.text].slice(0, CUSTOM_STATUS_TEXT_MAX_RUNES).join('');
  return out;
}

/** Newest first, one entry per text, at most five (Mattermost's RecentCustomStatuses.Add). */
export function addRecentCustomStatus(recent: readonly CustomStatus[], status: CustomStatus): CustomStatus[] {
  return [status, ...recent.filter((s) => s.text !== status.text)].slice(0, MAX_RECENT_CUSTOM_STATUSES);
}

/** Compares the way Mattermost does: the JSON encodings must be equal. */
export function sameCustomStatus(a: CustomStatus, b: CustomStatus): boolean {
  return serialiseCustomStatus(a) === serialiseCustomStatus(b);
}

/**
 * The recent custom statuses as stored in their preference (a JSON array), or undefined when the
 * text is not such an array. `null` reads as none, as Go reads it.
 */
export function parseRecentCustomStatuses(text: string): CustomStatus[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) return undefined;
  const statuses: CustomStatus[] = [];
  for (const item of parsed as unknown[]) {
    const status = item === null ? parseCustomStatus({}) : parseCustomStatus(item);
    if (!status) return undefined;
    statuses.push(status);
  }
  return statuses;
}

export function serialiseRecentCustomStatuses(statuses: readonly CustomStatus[]): string {
  return `[${statuses.map(serialiseCustomStatus).join(',')}]`;
}

/** The JSON Mattermost stores in the user prop, fields in its order. */
export function serialiseCustomStatus(status: CustomStatus): string {
  return JSON.stringify({ emoji: status.emoji, text: status.text, duration: status.duration, expires_at: status.expires_at });
}

function timeOf(value: string): number {
  return value === ZERO_TIME ? Number.NEGATIVE_INFINITY : Date.parse(value);
}

// RFC 3339 as Go accepts it, written back in UTC the way Go's encoder writes it (no zero fraction).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function normaliseTime(value: string): string | undefined {
  if (!RFC3339.test(value)) return undefined;
  if (value.startsWith('0001-01-01T00:00:00')) return ZERO_TIME;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
