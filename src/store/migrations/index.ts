import type { Migration } from 'kysely';
import * as m0001 from './0001_create_users_and_sessions.js';
import * as m0002 from './0002_create_roles.js';
import * as m0005 from './0005_add_access_token_expiry.js';
import * as m0010 from './0010_create_schemes.js';
import * as m0011 from './0011_create_teams.js';
import * as m0020 from './0020_create_channels.js';
import * as m0021 from './0021_create_sidebar_categories.js';
import * as m0030 from './0030_create_status.js';
import * as m0050 from './0050_create_oauth_tables.js';
import * as m0051 from './0051_create_bots.js';
import * as m0052 from './0052_create_user_groups.js';
import * as m0060 from './0060_create_preferences.js';
import * as m0061 from './0061_move_recent_custom_statuses_to_preferences.js';
import * as m0062 from './0062_create_emoji.js';

/**
 * Every migration, in the order they run. Names never change once released; add new ones at the
 * end (see docs/CONVENTIONS.md for the numbering).
 */
export const migrations: Record<string, Migration> = {
  '0001_create_users_and_sessions': m0001,
  '0002_create_roles': m0002,
  '0005_add_access_token_expiry': m0005,
  '0010_create_schemes': m0010,
  '0011_create_teams': m0011,
  '0020_create_channels': m0020,
  '0021_create_sidebar_categories': m0021,
  '0030_create_status': m0030,
  '0050_create_oauth_tables': m0050,
  '0051_create_bots': m0051,
  '0052_create_user_groups': m0052,
  '0060_create_preferences': m0060,
  '0061_move_recent_custom_statuses_to_preferences': m0061,
  '0062_create_emoji': m0062,
};
