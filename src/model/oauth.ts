/** An OAuth 2.0 client registered with Parley as the provider, as Mattermost's JSON has it. */
export interface OAuthApp {
  id: string;
  creator_id: string;
  create_at: number;
  update_at: number;
  /** Blank for public clients, and in every answer but the creator's and the app managers'. */
  client_secret: string;
  name: string;
  description: string;
  icon_url: string;
  callback_urls: string[];
  homepage: string;
  is_trusted: boolean;
  mattermost_app_id: string;
  /** Left out when false (Mattermost's omitempty). */
  is_dynamically_registered?: boolean;
}

/** Mattermost's AuthorizeRequest: the query of GET /oauth/authorize and the body of POST /oauth/authorize. */
export interface AuthorizeRequest {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
  resource: string;
}

/** The token endpoint's answer (Mattermost's AccessResponse). */
export interface AccessResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token: string;
  id_token: string;
  audience?: string;
}

export const OAUTH_GRANT_AUTHORIZATION_CODE = 'authorization_code';
export const OAUTH_GRANT_REFRESH_TOKEN = 'refresh_token';
export const OAUTH_RESPONSE_TYPE_CODE = 'code';
export const OAUTH_RESPONSE_TYPE_TOKEN = 'token';
export const OAUTH_TOKEN_TYPE = 'bearer';
/** The scope Mattermost records when a client asks for none. */
export const OAUTH_DEFAULT_SCOPE = 'user';
/** Authorization codes live ten minutes, as in Mattermost. */
export const OAUTH_CODE_LIFETIME_SECONDS = 10 * 60;
/** The only PKCE method Mattermost accepts. */
export const PKCE_METHOD_S256 = 'S256';

/** Session prop keys Mattermost sets on OAuth sessions. */
export const SESSION_PROP_OAUTH_APP_ID = 'oauth_app_id';
export const SESSION_PROP_MATTERMOST_APP_ID = 'mattermost_app_id';
