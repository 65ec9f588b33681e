import type { User, UserRecord } from '../../model/user.js';

/**
 * What a viewer may see of a user, as Mattermost decides it: `self` sees everything but secrets;
 * others see a profile, with email and full name per privacy settings unless they are admins.
 */
export interface ViewOptions {
  self: boolean;
  showEmail: boolean;
  showFullName: boolean;
  /** Admins also see email, full name and auth_service of others whatever the privacy settings. */
  asAdmin: boolean;
}

/**
 * The user's JSON for a viewer. Fields Mattermost marks omitempty are left out when empty, so the
 * bytes match what Mattermost clients have seen.
 */
export function toWireUser(user: UserRecord, view: ViewOptions): User {
  const out: User = {
    id: user.id,
    create_at: user.create_at,
    update_at: user.update_at,
    delete_at: user.delete_at,
    username: user.username,
    auth_data: '',
    auth_service: user.auth_service,
    email: user.email,
    nickname: user.nickname,
    first_name: user.first_name,
    last_name: user.last_name,
    position: user.position,
    roles: user.roles,
    locale: user.locale,
    timezone: user.timezone,
    disable_welcome_email: user.disable_welcome_email,
  };
  const profileOnly = !view.self;
  if (!profileOnly) {
    if (user.email_verified) out.email_verified = true;
    if (user.allow_marketing) out.allow_marketing = true;
    if (Object.keys(user.notify_props).length) out.notify_props = user.notify_props;
    if (user.last_password_update) out.last_password_update = user.last_password_update;
    if (user.failed_attempts) out.failed_attempts = user.failed_attempts;
  } else {
    if (!view.showEmail && !view.asAdmin) out.email = '';
    if (!view.showFullName && !view.asAdmin) {
      out.first_name = '';
      out.last_name = '';
    }
    if (!view.asAdmin) out.auth_service = '';
  }
  if (Object.keys(user.props).length) out.props = user.props;
  if (user.last_picture_update) out.last_picture_update = user.last_picture_update;
  if (user.mfa_active) out.mfa_active = true;
  if (user.remote_id) out.remote_id = user.remote_id;
  if (user.last_activity_at) out.last_activity_at = user.last_activity_at;
  if (user.is_bot) out.is_bot = true;
  if (user.bot_description) out.bot_description = user.bot_description;
  if (user.bot_last_icon_update) out.bot_last_icon_update = user.bot_last_icon_update;
  if (user.terms_of_service_id) out.terms_of_service_id = user.terms_of_service_id;
  if (user.terms_of_service_create_at) out.terms_of_service_create_at = user.terms_of_service_create_at;
  return out;
}
