/** Bot accounts. */
export const botMessages: Record<string, string> = {
  'api.bot.create_disabled': 'Bot account creation is turned off on this server.',
  'store.sql_bot.get.missing.app_error': 'The bot could not be found.',
  'model.bot.is_valid.username.app_error': 'The bot username must be 1 to 64 lowercase letters, digits, ".", "-" or "_", and not a reserved word.',
  'model.bot.is_valid.user_id.app_error': 'The bot is not valid: its id is missing or its display name has more than 64 characters.',
  'model.bot.is_valid.description.app_error': 'The bot description may have at most 1024 characters.',
  'model.bot.is_valid.creator_id.app_error': 'The bot owner is not valid.',
  'app.bot.createbot.internal_error': 'The bot could not be created; the account may be a bot already.',
  'api.bot.set_bot_icon_image.too_large.app_error': 'The icon is larger than the maximum file size.',
  'api.bot.set_bot_icon_image.no_file.app_error': 'No image was found in the "image" field of the request.',
  'api.bot.set_bot_icon_image.parse.app_error': 'The icon must be an SVG image.',
  'api.bot.get_bot_icon_image.read.app_error': 'This bot has no icon.',
};
