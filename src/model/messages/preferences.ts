export const preferenceMessages: Record<string, string> = {
  'api.preference.preferences_category.get.app_error': 'The user has no preferences in this category.',
  'app.preference.get.app_error': 'The preference could not be found.',
  'api.preference.update_preferences.set.app_error': 'Preferences can only be saved for the user they belong to.',
  'api.preference.delete_preferences.delete.app_error': 'Preferences can only be deleted for the user they belong to.',
  'model.preference.is_valid.id.app_error': 'The preference has an invalid user id.',
  'model.preference.is_valid.category.app_error': 'The preference category must be 1 to 32 bytes long.',
  'model.preference.is_valid.name.app_error': 'The preference name must be at most 32 bytes long.',
  'model.preference.is_valid.value.app_error': 'The preference value is too long.',
  'model.preference.is_valid.theme.app_error': 'The theme is not a valid set of colours.',
  'model.preference.is_valid.limit_visible_dms_gms.app_error': 'The number of direct messages to show must be between 1 and 40.',
  'api.unmarshal_error': 'Stored data could not be read.',
};
