/** Permission schemes as Mattermost's JSON has them. */

export const SCHEME_SCOPE_TEAM = 'team';
export const SCHEME_SCOPE_CHANNEL = 'channel';

export const SCHEME_NAME_MAX_LENGTH = 64;
export const SCHEME_DISPLAY_NAME_MAX_LENGTH = 128;
export const SCHEME_DESCRIPTION_MAX_LENGTH = 1024;

/**
 * A scheme and the names of the roles it owns. Team schemes own team, channel, playbook and run
 * roles; channel schemes own channel roles only (the others stay '').
 */
export interface Scheme {
  id: string;
  name: string;
  display_name: string;
  description: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  scope: string;
  default_team_admin_role: string;
  default_team_user_role: string;
  default_channel_admin_role: string;
  default_channel_user_role: string;
  default_team_guest_role: string;
  default_channel_guest_role: string;
  default_playbook_admin_role: string;
  default_playbook_member_role: string;
  default_run_admin_role: string;
  default_run_member_role: string;
}

export interface SchemePatch {
  name?: string;
  display_name?: string;
  description?: string;
}

/** Mattermost's scheme name rule: 2..64 of a-z, 0-9 and `_`. */
export function isValidSchemeName(name: string): boolean {
  return /^[a-z0-9_]{2,64}$/.test(name);
}
