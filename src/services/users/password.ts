import bcrypt from 'bcrypt';
import type { Config } from '../../config/defaults.js';
import { AppError } from '../../model/app-error.js';
import { PASSWORD_MAX_LENGTH, runeCount, type UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';

// Mattermost's cost; hashes move between the two servers in both directions.
const BCRYPT_COST = 10;
const SYMBOLS = ' !"\\#$%&\'()*+,-./:;<=>?@[]^_`|~';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** False for an empty hash (SSO users have none) or a wrong password. */
export async function checkPassword(hash: string, password: string): Promise<boolean> {
  if (!hash || !password) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

/**
 * Checks a new password against `PasswordSettings`. The error id names every rule in force
 * (`model.user.is_valid.pwd_lowercase_number.app_error`), as Mattermost builds it, so clients can
 * show the full requirement.
 * @throws AppError 400 model.user.is_valid.pwd*.app_error
 */
export function validatePassword(password: string, settings: Config['PasswordSettings']): void {
  let id = 'model.user.is_valid.pwd';
  let invalid = false;
  const length = runeCount(password);
  if (length < settings.MinimumLength || length > PASSWORD_MAX_LENGTH) invalid = true;
  if (settings.Lowercase) {
    if (!/[a-z]/.test(password)) invalid = true;
    id += '_lowercase';
  }
  if (settings.Uppercase) {
    if (!/[A-Z]/.test(password)) invalid = true;
    id += '_uppercase';
  }
  if (settings.Number) {
    if (!/[0-9]/.test(password)) invalid = true;
    id += '_number';
  }
  if (settings.Symbol) {
    if (![...password].some((c) => SYMBOLS.includes(c))) invalid = true;
    id += '_symbol';
  }
  if (invalid) throw new AppError(`${id}.app_error`, 400, { params: { Min: settings.MinimumLength } });
}

/**
 * Mattermost's DoubleCheckPassword, for actions that re-ask the password of a signed-in user: the
 * lockout first, then the password. A wrong password counts as a failed attempt; a right one
 * clears the count.
 * @throws AppError 401 api.user.check_user_login_attempts.too_many.app_error, 401 api.user.check_user_password.invalid.app_error
 */
export async function doubleCheckPassword(store: Store, user: UserRecord, password: string, maxAttempts: number): Promise<void> {
  if (user.failed_attempts >= maxAttempts) {
    throw new AppError('api.user.check_user_login_attempts.too_many.app_error', 401, { details: `user_id=${user.id}` });
  }
  if (!(await checkPassword(user.password, password))) {
    await store.users.updateFailedAttempts(user.id, user.failed_attempts + 1);
    throw new AppError('api.user.check_user_password.invalid.app_error', 401, { details: `user_id=${user.id}` });
  }
  if (user.failed_attempts) await store.users.updateFailedAttempts(user.id, 0);
}
