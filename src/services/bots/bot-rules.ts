import { AppError } from '../../model/app-error.js';
import {
  BOT_DESCRIPTION_MAX_RUNES,
  BOT_DISPLAY_NAME_MAX_RUNES,
  BOT_OWNER_ID_MAX_RUNES,
  PROTECTED_BOT_USERNAMES,
  type Bot,
  type BotPatch,
} from '../../model/bot.js';
import { isValidUsername, runeCount } from '../../model/user.js';
import type { BotView } from '../../store/bot.store.js';

function invalid(field: string, userId: string): AppError {
  return AppError.badRequest(`model.bot.is_valid.${field}.app_error`, userId ? `user_id=${userId}` : '');
}

/**
 * Mattermost's Bot.IsValidCreate, on the fields as sent (an upper-case username is refused, not
 * lower-cased). Its display-name check reports the user_id id, as Mattermost's does.
 * @throws AppError 400 model.bot.is_valid.<field>.app_error
 */
export function validateBot(bot: { user_id: string; username: string; display_name: string; description: string; owner_id: string }): void {
  if (!isValidUsername(bot.username)) throw invalid('username', bot.user_id);
  if (runeCount(bot.display_name) > BOT_DISPLAY_NAME_MAX_RUNES) throw invalid('user_id', bot.user_id);
  if (runeCount(bot.description) > BOT_DESCRIPTION_MAX_RUNES) throw invalid('description', bot.user_id);
  if (bot.owner_id === '' || runeCount(bot.owner_id) > BOT_OWNER_ID_MAX_RUNES) throw invalid('creator_id', bot.user_id);
}

/** True when the patch changes anything (Mattermost answers an unchanged bot without writing). */
export function wouldPatch(bot: BotView, patch: BotPatch): boolean {
  return (
    (patch.username !== undefined && patch.username !== bot.username) ||
    (patch.display_name !== undefined && patch.display_name !== bot.display_name) ||
    (patch.description !== undefined && patch.description !== bot.description)
  );
}

/** The bot's JSON in Mattermost's field order; empty display name, description and icon time are left out (omitempty). */
export function toWireBot(bot: BotView): Bot {
  return {
    system_owned: PROTECTED_BOT_USERNAMES.has(bot.username.toLowerCase()),
    user_id: bot.user_id,
    username: bot.username,
    ...(bot.display_name ? { display_name: bot.display_name } : {}),
    ...(bot.description ? { description: bot.description } : {}),
    owner_id: bot.owner_id,
    ...(bot.last_icon_update ? { last_icon_update: bot.last_icon_update } : {}),
    create_at: bot.create_at,
    update_at: bot.update_at,
    delete_at: bot.delete_at,
  };
}

/** The icon as Mattermost accepts it: an XML document whose first element is <svg>. */
export function looksLikeSvg(data: Buffer): boolean {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  // Skip the XML declaration, processing instructions, comments and a doctype before the root.
  const body = text.replace(/^(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)*/i, '');
  return /^<svg[\s>/]/.test(body) && /<\/svg\s*>\s*$|\/>\s*$/.test(body.trimEnd());
}
