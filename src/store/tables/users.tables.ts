import type { Generated } from 'kysely';

// Booleans are stored as 0/1 integers and JSON as text on both databases, so one set of row types
// and one SQL text serve SQLite and PostgreSQL alike.

export interface UsersTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Generated<number>;
  username: string;
  password: Generated<string>;
  auth_data: string | null;
  auth_service: Generated<string>;
  email: string;
  email_verified: Generated<number>;
  nickname: Generated<string>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  position: Generated<string>;
  roles: Generated<string>;
  allow_marketing: Generated<number>;
  props: Generated<string>;
  notify_props: Generated<string>;
  last_password_update: Generated<number>;
  last_picture_update: Generated<number>;
  failed_attempts: Generated<number>;
  locale: Generated<string>;
  timezone: Generated<string>;
  mfa_active: Generated<number>;
  mfa_secret: Generated<string>;
  mfa_used_timestamps: Generated<string>;
  remote_id: string | null;
  last_activity_at: Generated<number>;
  is_bot: Generated<number>;
  bot_description: Generated<string>;
  bot_last_icon_update: Generated<number>;
  terms_of_service_id: Generated<string>;
  terms_of_service_create_at: Generated<number>;
  disable_welcome_email: Generated<number>;
  last_login: Generated<number>;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  create_at: number;
  expires_at: number;
  last_activity_at: number;
  user_id: string;
  device_id: Generated<string>;
  roles: Generated<string>;
  is_oauth: Generated<number>;
  expired_notify: Generated<number>;
  props: Generated<string>;
  /** Set when the session stands for a personal access token (its id). */
  access_token_id: Generated<string>;
}

export interface UserAccessTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  description: Generated<string>;
  is_active: Generated<number>;
  create_at: Generated<number>;
  expires_at: Generated<number>;
}

/** One-time tokens: password reset, email verification. */
export interface TokensTable {
  token_hash: string;
  create_at: number;
  type: string;
  extra: Generated<string>;
}

export interface AuditsTable {
  id: string;
  create_at: number;
  user_id: string;
  action: string;
  extra_info: Generated<string>;
  ip_address: Generated<string>;
  session_id: Generated<string>;
}

/** Server-wide key/value facts (first start, diagnostic id, ...). */
export interface SystemsTable {
  name: string;
  value: string;
}

export interface UserTables {
  users: UsersTable;
  sessions: SessionsTable;
  user_access_tokens: UserAccessTokensTable;
  tokens: TokensTable;
  audits: AuditsTable;
  systems: SystemsTable;
}
