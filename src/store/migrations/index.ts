import type { Migration } from 'kysely';
import * as m0001 from './0001_create_users_and_sessions.js';
import * as m0002 from './0002_create_roles.js';
import * as m0030 from './0030_create_status.js';

/**
 * Every migration, in the order they run. Names never change once released; add new ones at the
 * end (see docs/CONVENTIONS.md for the numbering).
 */
export const migrations: Record<string, Migration> = {
  '0001_create_users_and_sessions': m0001,
  '0002_create_roles': m0002,
  '0030_create_status': m0030,
};
