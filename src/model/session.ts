/** A session as Mattermost's JSON has it (the token is blank except right after login). */
export interface Session {
  id: string;
  token: string;
  create_at: number;
  expires_at: number;
  last_activity_at: number;
  user_id: string;
  device_id: string;
  roles: string;
  is_oauth: boolean;
  expired_notify: boolean;
  props: Record<string, string>;
  team_members?: unknown[];
  local: boolean;
}

export interface SessionRecord {
  id: string;
  token_hash: string;
  create_at: number;
  expires_at: number;
  last_activity_at: number;
  user_id: string;
  device_id: string;
  roles: string;
  is_oauth: boolean;
  expired_notify: boolean;
  props: Record<string, string>;
  access_token_id: string;
}

/** The cookie that carries the session token in browsers. */
export const SESSION_COOKIE_NAME = 'MMAUTHTOKEN';

/** Session prop keys Mattermost uses. */
export const SESSION_PROP_PLATFORM = 'platform';
export const SESSION_PROP_OS = 'os';
export const SESSION_PROP_BROWSER = 'browser';
export const SESSION_PROP_TYPE = 'type';
export const SESSION_PROP_CSRF = 'csrf';
export const SESSION_PROP_IS_BOT = 'is_bot';
export const SESSION_PROP_IS_GUEST = 'is_guest';
export const SESSION_TYPE_USER_ACCESS_TOKEN = 'UserAccessToken';

export interface UserAccessToken {
  id: string;
  token?: string;
  user_id: string;
  description: string;
  is_active: boolean;
  /** Epoch ms after which the token stops working; 0 never. */
  expires_at: number;
}

export interface Audit {
  id: string;
  create_at: number;
  user_id: string;
  action: string;
  extra_info: string;
  ip_address: string;
  session_id: string;
}
