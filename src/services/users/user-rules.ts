import type { Config } from '../../config/defaults.js';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import {
  FIRST_NAME_MAX_RUNES,
  LAST_NAME_MAX_RUNES,
  NICKNAME_MAX_RUNES,
  POSITION_MAX_RUNES,
  ROLES_MAX_LENGTH,
  TIMEZONE_MAX_RUNES,
  isValidEmail,
  isValidLocale,
  isValidUsername,
  runeCount,
  sanitizeUnicode,
  type UserRecord,
} from '../../model/user.js';

function invalid(field: string, userId: string, value: unknown): AppError {
  return new AppError(`model.user.is_valid.${field}.app_error`, 400, { details: `user_id=${userId} ${field}=${String(value)}` });
}

/**
 * Mattermost's User.IsValid: the first broken rule wins.
 * @throws AppError 400 model.user.is_valid.<field>.app_error
 */
export function validateUser(user: UserRecord): void {
  if (!isValidId(user.id)) throw invalid('id', '', user.id);
  if (!isValidUsername(user.username)) throw invalid('username', user.id, user.username);
  if (!isValidEmail(user.email)) throw invalid('email', user.id, user.email);
  if (runeCount(user.nickname) > NICKNAME_MAX_RUNES) throw invalid('nickname', user.id, user.nickname);
  if (runeCount(user.position) > POSITION_MAX_RUNES) throw invalid('position', user.id, user.position);
  if (runeCount(user.first_name) > FIRST_NAME_MAX_RUNES) throw invalid('first_name', user.id, user.first_name);
  if (runeCount(user.last_name) > LAST_NAME_MAX_RUNES) throw invalid('last_name', user.id, user.last_name);
  if (user.auth_data !== null && user.auth_data.length > 128) throw invalid('auth_data', user.id, '');
  if (!isValidLocale(user.locale)) throw invalid('locale', user.id, user.locale);
  if (runeCount(JSON.stringify(user.timezone)) > TIMEZONE_MAX_RUNES) throw invalid('timezone_limit', user.id, '');
  if (user.roles.length > ROLES_MAX_LENGTH) {
    throw new AppError('model.user.is_valid.roles_limit.app_error', 400, { params: { Limit: ROLES_MAX_LENGTH } });
  }
}

/** Mattermost's PreSave/PreUpdate clean-up: invisible characters out, username and email lower-cased. */
export function normaliseUser(user: UserRecord): void {
  user.username = sanitizeUnicode(user.username).toLowerCase();
  user.first_name = sanitizeUnicode(user.first_name);
  user.last_name = sanitizeUnicode(user.last_name);
  user.nickname = sanitizeUnicode(user.nickname);
  user.email = user.email.trim().toLowerCase();
  const keys = user.notify_props['mention_keys'];
  if (keys !== undefined) {
    user.notify_props['mention_keys'] = keys
      .split(',')
      .filter((k) => k !== '')
      .map((k) => k.toLowerCase())
      .join(',');
  }
}

/** True when the email's domain is allowed by `RestrictCreationToDomains` (empty allows all). */
export function isEmailDomainAllowed(email: string, config: Config): boolean {
  const domains = config.TeamSettings.RestrictCreationToDomains.split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (domains.length === 0) return true;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1).toLowerCase();
  return domains.includes(domain);
}
