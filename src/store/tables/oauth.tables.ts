import type { Generated } from 'kysely';

export interface OAuthAppsTable {
  id: string;
  creator_id: string;
  create_at: number;
  update_at: number;
  /** Kept readable: Mattermost shows it to the app's managers. Empty for public clients. */
  client_secret: Generated<string>;
  name: string;
  description: Generated<string>;
  icon_url: Generated<string>;
  /** JSON array of exact redirect URIs. */
  callback_urls: Generated<string>;
  homepage: Generated<string>;
  is_trusted: Generated<number>;
  mattermost_app_id: Generated<string>;
  is_dynamically_registered: Generated<number>;
}

/** Authorization codes, single use, stored as SHA-256 hashes. */
export interface OAuthAuthCodesTable {
  code_hash: string;
  client_id: string;
  user_id: string;
  create_at: number;
  expires_in: number;
  redirect_uri: string;
  state: Generated<string>;
  scope: Generated<string>;
  code_challenge: Generated<string>;
  code_challenge_method: Generated<string>;
  resource: Generated<string>;
}

/** One grant of an app to a user: the session its access token opened and its refresh token's hash. */
export interface OAuthAccessDataTable {
  id: string;
  client_id: string;
  user_id: string;
  session_id: string;
  /** Null for public clients and the implicit flow, which get no refresh token. */
  refresh_token_hash: string | null;
  redirect_uri: string;
  expires_at: number;
  scope: Generated<string>;
  audience: Generated<string>;
  create_at: number;
}

/** Apps a user has allowed (Mattermost keeps these as "oauth_app" preferences). */
export interface OAuthAuthorizationsTable {
  user_id: string;
  client_id: string;
  scope: Generated<string>;
  create_at: number;
}

export interface OAuthTables {
  oauth_apps: OAuthAppsTable;
  oauth_auth_codes: OAuthAuthCodesTable;
  oauth_access_data: OAuthAccessDataTable;
  oauth_authorizations: OAuthAuthorizationsTable;
}
