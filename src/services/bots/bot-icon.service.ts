import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { isFileNotFound, type FileStore } from '../files/file-store.js';
import { AppError } from '../../model/app-error.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { UserQueryService } from '../users/user-query.service.js';
import { botNotFound, type BotService } from './bot.service.js';
import { looksLikeSvg, toWireBot } from './bot-rules.js';

/** Where Mattermost keeps a bot's icon in the file store. */
function iconPath(botUserId: string): string {
  return `bots/${botUserId}/icon.svg`;
}

export interface BotIcon {
  svg: Buffer;
  /** Changes with every upload, so caches never keep an old icon. */
  etag: string;
}

/** Reads the uploaded image; throws the AppError Mattermost gives for a missing or oversized file. */
export type IconUpload = () => Promise<Buffer>;

/** The SVG icon a bot shows instead of a profile picture. */
export class BotIconService {
  constructor(
    private readonly deps: { store: Store; uow: UnitOfWork; clock: Clock; files: FileStore; bots: BotService; userQueries: UserQueryService },
  ) {}

  /**
   * GET /bots/{id}/icon.
   * @throws AppError 403 view_members, 404 store.sql_bot.get.missing.app_error / api.bot.get_bot_icon_image.read.app_error
   */
  async getBotIconImage(ctx: RequestContext, botUserId: string): Promise<BotIcon> {
    await this.deps.userQueries.checkCanSee(ctx, botUserId);
    const bot = await this.deps.store.bots.findById(botUserId, true);
    if (!bot) throw botNotFound(botUserId);
    const missing = AppError.notFound('api.bot.get_bot_icon_image.read.app_error', `user_id=${botUserId}`);
    if (bot.last_icon_update === 0) throw missing;
    let svg: Buffer;
    try {
      svg = await this.deps.files.read(iconPath(botUserId));
    } catch (error) {
      if (isFileNotFound(error)) throw missing;
      throw error;
    }
    return { svg, etag: String(bot.last_icon_update) };
  }

  /**
   * POST /bots/{id}/icon: `upload` runs only once the caller may manage the bot.
   * @throws AppError 404, 403, what `upload` throws, 400 api.bot.set_bot_icon_image.parse.app_error
   */
  async setBotIconImage(ctx: RequestContext, botUserId: string, upload: IconUpload): Promise<void> {
    await this.deps.bots.requireManage(ctx, botUserId);
    const svg = await upload();
    if (!looksLikeSvg(svg)) throw AppError.badRequest('api.bot.set_bot_icon_image.parse.app_error');
    await this.deps.files.write(iconPath(botUserId), svg);
    await this.saveIconTime(botUserId, this.deps.clock.now(), false);
  }

  /**
   * DELETE /bots/{id}/icon: the bot shows its default picture again.
   * @throws AppError 404, 403
   */
  async deleteBotIconImage(ctx: RequestContext, botUserId: string): Promise<void> {
    await this.deps.bots.requireManage(ctx, botUserId);
    await this.deps.files.remove(iconPath(botUserId));
    await this.saveIconTime(botUserId, 0, true);
  }

  private async saveIconTime(botUserId: string, at: number, touchPicture: boolean): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.uow.run(async (tx, emit) => {
      const current = await tx.bots.findById(botUserId, true);
      const user = await tx.users.findById(botUserId);
      if (!current || !user) throw botNotFound(botUserId);
      const next = { ...current, last_icon_update: at, update_at: now };
      const { username: _u, display_name: _d, ...record } = next;
      await tx.bots.update(record);
      const nextUser = { ...user, bot_last_icon_update: at, ...(touchPicture ? { last_picture_update: now } : {}) };
      await tx.users.update(nextUser);
      emit(event('user.updated', { user: nextUser }));
      emit(event('bot.updated', { bot: toWireBot(next) }));
    });
  }
}
