import { newId } from '../../src/model/ids.js';
import type { SessionRecord } from '../../src/model/session.js';
import { defaultNotifyProps, defaultTimezone, type UserRecord } from '../../src/model/user.js';

let sequence = 0;

/**
 * A complete user row for store tests and for seeding many users without going through the API
 * (no password hash, so it cannot log in). Unique username and email unless overridden.
 */
export function makeUserRecord(overrides: Partial<UserRecord> = {}): UserRecord {
  sequence += 1;
  const id = overrides.id ?? newId();
  const username = overrides.username ?? `seed${sequence}${id.slice(0, 6).toLowerCase()}`;
  const now = overrides.create_at ?? Date.now();
  return {
    id,
    create_at: now,
    update_at: now,
    delete_at: 0,
    username,
    password: '',
    auth_data: null,
    auth_service: '',
    email: `${username}@example.com`,
    email_verified: true,
    nickname: '',
    first_name: '',
    last_name: '',
    position: '',
    roles: 'system_user',
    allow_marketing: false,
    props: {},
    notify_props: defaultNotifyProps(),
    last_password_update: now,
    last_picture_update: 0,
    failed_attempts: 0,
    locale: 'en',
    timezone: defaultTimezone(),
    mfa_active: false,
    mfa_secret: '',
    mfa_used_timestamps: [],
    remote_id: null,
    last_activity_at: 0,
    is_bot: false,
    bot_description: '',
    bot_last_icon_update: 0,
    terms_of_service_id: '',
    terms_of_service_create_at: 0,
    disable_welcome_email: false,
    last_login: 0,
    ...overrides,
  };
}

/** A session row (the token itself is not needed by stores, only its hash). */
export function makeSessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = overrides.create_at ?? Date.now();
  return {
    id: newId(),
    token_hash: newId() + newId(),
    create_at: now,
    expires_at: now + 3_600_000,
    last_activity_at: now,
    user_id: newId(),
    device_id: '',
    roles: 'system_user',
    is_oauth: false,
    expired_notify: false,
    props: { csrf: newId() },
    access_token_id: '',
    ...overrides,
  };
}
