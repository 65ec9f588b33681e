/** A user as Mattermost's JSON has it. Optional fields are left out when empty, as Mattermost does. */
export interface User {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  username: string;
  password?: string;
  auth_data?: string;
  auth_service: string;
  email: string;
  email_verified?: boolean;
  nickname: string;
  first_name: string;
  last_name: string;
  position: string;
  roles: string;
  allow_marketing?: boolean;
  props?: Record<string, string>;
  notify_props?: Record<string, string>;
  last_password_update?: number;
  last_picture_update?: number;
  failed_attempts?: number;
  locale: string;
  timezone: Record<string, string>;
  mfa_active?: boolean;
  mfa_secret?: string;
  remote_id?: string;
  last_activity_at?: number;
  is_bot?: boolean;
  bot_description?: string;
  bot_last_icon_update?: number;
  terms_of_service_id?: string;
  terms_of_service_create_at?: number;
  disable_welcome_email: boolean;
  last_login?: number;
}

/** The full stored user, secrets included; never sent as is. */
export interface UserRecord {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  username: string;
  password: string;
  auth_data: string | null;
  auth_service: string;
  email: string;
  email_verified: boolean;
  nickname: string;
  first_name: string;
  last_name: string;
  position: string;
  roles: string;
  allow_marketing: boolean;
  props: Record<string, string>;
  notify_props: Record<string, string>;
  last_password_update: number;
  last_picture_update: number;
  failed_attempts: number;
  locale: string;
  timezone: Record<string, string>;
  mfa_active: boolean;
  mfa_secret: string;
  mfa_used_timestamps: number[];
  remote_id: string | null;
  last_activity_at: number;
  is_bot: boolean;
  bot_description: string;
  bot_last_icon_update: number;
  terms_of_service_id: string;
  terms_of_service_create_at: number;
  disable_welcome_email: boolean;
  last_login: number;
}

export const USERNAME_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 128;
export const NICKNAME_MAX_RUNES = 64;
export const POSITION_MAX_RUNES = 128;
export const FIRST_NAME_MAX_RUNES = 64;
export const LAST_NAME_MAX_RUNES = 64;
export const PASSWORD_MAX_LENGTH = 72;
export const LOCALE_MAX_LENGTH = 5;
export const TIMEZONE_MAX_RUNES = 256;
export const ROLES_MAX_LENGTH = 256;

const USERNAME_CHARS = /^[a-z0-9.\-_]+$/;
/** Names that Mattermost keeps for mentions and system senders. */
export const RESTRICTED_USERNAMES: ReadonlySet<string> = new Set(['all', 'channel', 'matterbot', 'system', 'here']);

/** Username rule as Mattermost: 1-64 of a-z 0-9 . - _, not a reserved word. */
export function isValidUsername(name: string): boolean {
  return name.length >= 1 && name.length <= USERNAME_MAX_LENGTH && USERNAME_CHARS.test(name) && !RESTRICTED_USERNAMES.has(name);
}

// A pragmatic RFC 5322 subset, close to Go's mail.ParseAddress for bare addresses.
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

export function isValidEmail(email: string): boolean {
  return email.length > 0 && email.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(email);
}

/** Counts code points, as Go's utf8.RuneCountInString does. */
export function runeCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

const LOCALE_PATTERN = /^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,4})?$/;

export function isValidLocale(locale: string): boolean {
  return locale === '' || (locale.length <= LOCALE_MAX_LENGTH && LOCALE_PATTERN.test(locale));
}

/** The notify props a new user starts with (Mattermost's defaults). */
export function defaultNotifyProps(): Record<string, string> {
  return {
    email: 'true',
    push: 'mention',
    desktop: 'mention',
    desktop_sound: 'true',
    mention_keys: '',
    channel: 'true',
    push_status: 'away',
    comments: 'never',
    first_name: 'false',
    desktop_threads: 'all',
    email_threads: 'all',
    push_threads: 'all',
  };
}

export function defaultTimezone(): Record<string, string> {
  return { automaticTimezone: '', manualTimezone: '', useAutomaticTimezone: 'true' };
}

export function hasRole(roles: string, role: string): boolean {
  return roles.split(' ').includes(role);
}

/** Strips control and invisible formatting characters, as Mattermost's SanitizeUnicode does. */
export function sanitizeUnicode(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '');
}

export interface UserPatch {
  username?: string;
  nickname?: string;
  first_name?: string;
  last_name?: string;
  position?: string;
  email?: string;
  props?: Record<string, string>;
  notify_props?: Record<string, string>;
  locale?: string;
  timezone?: Record<string, string>;
}
