export const statusMessages: Record<string, string> = {
  'api.status.user_not_found.app_error': 'No status was found for this user.',
  'app.status.get.app_error': 'The status could not be read.',
  'api.custom_status.disabled': 'Custom statuses are turned off on this server.',
  'api.custom_status.recent_custom_statuses.delete.app_error': 'That custom status is not among the recent ones.',
};
