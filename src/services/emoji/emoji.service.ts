import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { EMOJI_SORT_BY_NAME, emojiNameError, isSystemEmojiName, parseEmojiDraft, type Emoji } from '../../model/emoji.js';
import { newId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { ConfiguredFileStore } from '../files/configured-file-store.js';
import { deletedEmojiImagePath, emojiImagePath, MAX_EMOJI_FILE_SIZE, prepareEmojiImage, readEmojiImageInfo } from './emoji-image.js';

/** Mattermost's limits: search results, autocomplete suggestions, names per lookup. */
export const EMOJI_SEARCH_LIMIT = 200;
export const EMOJI_AUTOCOMPLETE_LIMIT = 100;
export const EMOJI_NAMES_PER_LOOKUP = 200;

const DISABLED = 'api.emoji.disabled.app_error';

/** The parts of a POST /emoji form: the `emoji` JSON field and the `image` file, when sent. */
export interface EmojiUpload {
  emoji?: string | undefined;
  image?: Buffer | undefined;
}

/** An emoji image ready to send: the stored bytes and their type (`image/<type>`). */
export interface EmojiImage {
  data: Buffer;
  type: string;
}

/**
 * Custom emoji: creation with Mattermost's name and image rules, lookups, searches and deletion.
 * `ServiceSettings.EnableCustomEmoji` switches the feature; Mattermost answers 501 at its API and
 * 403 from its app layer when it is off, and each method keeps the status of its Mattermost twin.
 */
export class EmojiService {
  constructor(
    private readonly deps: {
      store: Store;
      uow: UnitOfWork;
      config: LiveConfig;
      clock: Clock;
      permissions: Permissions;
      files: ConfiguredFileStore;
    },
  ) {}

  /** The error for an upload above 512 KiB. */
  tooLarge(): AppError {
    return new AppError('api.emoji.create.too_large.app_error', 413, { details: `max=${MAX_EMOJI_FILE_SIZE}` });
  }

  /**
   * POST /emoji: creates an emoji of the caller from the form's `emoji` JSON and `image` file. The
   * feature, the declared size and the permission are checked before `readUpload` reads the body.
   * @throws AppError 501, 413 api.emoji.create.too_large.app_error, 403 create_emojis, the errors of
   *   `readUpload`, 400 invalid_body_param emoji, 403 api.emoji.storage.app_error,
   *   400 model.emoji.* (name, system name, creator), 403 api.emoji.create.other_user.app_error,
   *   400 api.emoji.create.duplicate.app_error, 400 invalid_body_param createEmoji (no image),
   *   400 api.emoji.upload.* (image rules)
   */
  async createEmoji(ctx: RequestContext, declaredSize: number, readUpload: () => Promise<EmojiUpload>): Promise<Emoji> {
    this.requireEnabled(501);
    if (declaredSize > MAX_EMOJI_FILE_SIZE) throw this.tooLarge();
    await this.deps.permissions.requireSystemOrAnyTeam(ctx, P.createEmojis);
    const upload = await readUpload();
    const draft = upload.emoji === undefined ? undefined : parseEmojiDraft(upload.emoji);
    if (!draft) throw AppError.invalidParam('emoji');
    this.requireStorage();
    if (draft.creator_id.length > 26) throw AppError.badRequest('model.emoji.user_id.app_error');
    const nameError = emojiNameError(draft.name);
    if (nameError) throw nameError;
    if (draft.creator_id !== callerId(ctx)) throw new AppError('api.emoji.create.other_user.app_error', 403);
    if (await this.deps.store.emoji.findByName(draft.name)) throw this.duplicate(draft.name);
    if (!upload.image) throw AppError.invalidParam('createEmoji', 'no image file');

    const now = this.deps.clock.now();
    const emoji: Emoji = { id: newId(), create_at: now, update_at: now, delete_at: 0, creator_id: draft.creator_id, name: draft.name };
    const image = await prepareEmojiImage(upload.image);
    await this.writeImage(emoji.id, image);
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.emoji.insert(emoji);
        emit(event('emoji.added', { emoji }));
      });
    } catch (error) {
      await this.deps.files.remove(emojiImagePath(emoji.id)).catch(() => undefined);
      // Another request took the name between the check and the insert.
      if (isConflict(error)) throw this.duplicate(emoji.name);
      throw new AppError('app.emoji.create.internal_error', 500, { cause: error });
    }
    return emoji;
  }

  /**
   * GET /emoji: a page of emoji, oldest first or by name.
   * @throws AppError 501, 400 invalid_url_param sort
   */
  async getEmojiList(_ctx: RequestContext, page: number, perPage: number, sort: string): Promise<Emoji[]> {
    this.requireEnabled(501);
    if (sort !== '' && sort !== EMOJI_SORT_BY_NAME) throw AppError.invalidUrlParam('sort');
    return this.deps.store.emoji.list(page * perPage, perPage, sort);
  }

  /** GET /emoji/{emoji_id}. @throws AppError 501, 403 storage, 404 app.emoji.get.no_result */
  async getEmoji(_ctx: RequestContext, emojiId: string): Promise<Emoji> {
    this.requireEnabled(501);
    return this.findEmoji(emojiId);
  }

  /** GET /emoji/name/{emoji_name}. @throws AppError 501, 403 storage, 404 app.emoji.get_by_name.no_result */
  async getEmojiByName(_ctx: RequestContext, name: string): Promise<Emoji> {
    this.requireEnabled(501);
    this.requireStorage();
    const emoji = await this.deps.store.emoji.findByName(name);
    if (!emoji) throw AppError.notFound('app.emoji.get_by_name.no_result', `name=${name}`);
    return emoji;
  }

  /**
   * POST /emoji/names: the live emoji among the names (system emoji names are skipped).
   * @throws AppError 400 api.payload.parse.error, 400 invalid_body_param names (none), 501,
   *   400 api.emoji.get_multiple_by_name_too_many.request_error (over 200)
   */
  async getEmojisByNames(_ctx: RequestContext, body: unknown): Promise<Emoji[]> {
    const names = readNameList(body);
    if (!names) throw AppError.badRequest('api.payload.parse.error', 'expected a list of names');
    if (names.length === 0) throw AppError.invalidParam('names');
    this.requireEnabled(501);
    if (names.length > EMOJI_NAMES_PER_LOOKUP) {
      throw AppError.badRequest('api.emoji.get_multiple_by_name_too_many.request_error', `count=${names.length}`, { MaxNames: EMOJI_NAMES_PER_LOOKUP });
    }
    return this.deps.store.emoji.findByNames(names.filter((name) => !isSystemEmojiName(name)));
  }

  /**
   * GET /emoji/{emoji_id}/image: the stored image and its type.
   * @throws AppError 501, 404 app.emoji.get.no_result, 404 api.emoji.get_image.read.app_error,
   *   500 api.emoji.get_image.decode.app_error
   */
  async getEmojiImage(_ctx: RequestContext, emojiId: string): Promise<EmojiImage> {
    this.requireEnabled(501);
    if (!(await this.deps.store.emoji.findById(emojiId))) throw AppError.notFound('app.emoji.get.no_result', `id=${emojiId}`);
    let data: Buffer;
    try {
      data = await this.deps.files.read(emojiImagePath(emojiId));
    } catch (error) {
      throw new AppError('api.emoji.get_image.read.app_error', 404, { cause: error, details: `id=${emojiId}` });
    }
    const info = await readEmojiImageInfo(data);
    if (!info) throw new AppError('api.emoji.get_image.decode.app_error', 500, { details: `id=${emojiId}` });
    return { data, type: info.format };
  }

  /**
   * POST /emoji/search: emoji whose name contains (or starts with) the term, by name, at most 200.
   * @throws AppError 400 invalid_body_param term, 403 disabled
   */
  async searchEmoji(_ctx: RequestContext, term: string, prefixOnly: boolean): Promise<Emoji[]> {
    if (term === '') throw AppError.invalidParam('term');
    this.requireEnabled(403);
    return this.deps.store.emoji.search(term, prefixOnly, EMOJI_SEARCH_LIMIT);
  }

  /**
   * GET /emoji/autocomplete?name=: emoji whose name starts with `name`, at most 100.
   * @throws AppError 400 invalid_url_param name, 403 disabled
   */
  async autocompleteEmoji(_ctx: RequestContext, name: string): Promise<Emoji[]> {
    if (name === '') throw AppError.invalidUrlParam('name');
    this.requireEnabled(403);
    return this.deps.store.emoji.search(name, true, EMOJI_AUTOCOMPLETE_LIMIT);
  }

  /**
   * DELETE /emoji/{emoji_id}: one's own emoji with delete_emojis, anyone's with
   * delete_others_emojis too (in the system scope or any of the caller's teams). The image is kept
   * aside as `image_deleted`, as Mattermost does.
   * @throws AppError 403 disabled / storage, 404 app.emoji.get.no_result, 403 delete_emojis /
   *   delete_others_emojis, 404 app.emoji.delete.no_results
   */
  async deleteEmoji(ctx: RequestContext, emojiId: string): Promise<void> {
    this.requireEnabled(403);
    const emoji = await this.findEmoji(emojiId);
    await this.deps.permissions.requireSystemOrAnyTeam(ctx, P.deleteEmojis);
    if (emoji.creator_id !== callerId(ctx)) await this.deps.permissions.requireSystemOrAnyTeam(ctx, P.deleteOthersEmojis);
    const now = this.deps.clock.now();
    await this.deps.uow.run(async (tx, emit) => {
      if (!(await tx.emoji.softDelete(emoji.id, now))) throw AppError.notFound('app.emoji.delete.no_results', `id=${emoji.id}`);
      emit(event('emoji.deleted', { emoji: { ...emoji, delete_at: now, update_at: now } }));
    });
    await this.moveImageAside(emoji.id);
  }

  /**
   * Mattermost's confirmEmojiExists, for reactions: system emoji always exist; other names must be
   * well formed and name a live custom emoji.
   * @throws AppError 400 model.emoji.name.app_error, 403 disabled / storage, 404 app.emoji.get_by_name.no_result
   */
  async confirmEmojiExists(name: string): Promise<void> {
    if (isSystemEmojiName(name)) return;
    const nameError = emojiNameError(name);
    if (nameError) throw nameError;
    this.requireEnabled(403);
    this.requireStorage();
    if (!(await this.deps.store.emoji.findByName(name))) throw AppError.notFound('app.emoji.get_by_name.no_result', `name=${name}`);
  }

  private async findEmoji(emojiId: string): Promise<Emoji> {
    this.requireStorage();
    const emoji = await this.deps.store.emoji.findById(emojiId);
    if (!emoji) throw AppError.notFound('app.emoji.get.no_result', `id=${emojiId}`);
    return emoji;
  }

  private async writeImage(emojiId: string, image: Buffer): Promise<void> {
    try {
      await this.deps.files.write(emojiImagePath(emojiId), image);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('api.file.write_file.app_error', 500, { cause: error, details: String(error) });
    }
  }

  /** Best effort: a missing or unreadable image does not stop the deletion (Mattermost only logs it). */
  private async moveImageAside(emojiId: string): Promise<void> {
    try {
      const image = await this.deps.files.read(emojiImagePath(emojiId));
      await this.deps.files.write(deletedEmojiImagePath(emojiId), image);
      await this.deps.files.remove(emojiImagePath(emojiId));
    } catch {
      // Nothing to move.
    }
  }

  private duplicate(name: string): AppError {
    return AppError.badRequest('api.emoji.create.duplicate.app_error', `name=${name}`);
  }

  /** @throws AppError api.emoji.disabled.app_error with the status Mattermost uses at that place */
  private requireEnabled(status: 403 | 501): void {
    if (!this.deps.config.get().ServiceSettings.EnableCustomEmoji) throw new AppError(DISABLED, status);
  }

  /** @throws AppError 403 api.emoji.storage.app_error when no file storage is configured */
  private requireStorage(): void {
    if (!this.deps.files.isConfigured()) throw new AppError('api.emoji.storage.app_error', 403, { details: 'FileSettings.DriverName is empty' });
  }
}

/** A JSON list of strings read as Go reads `[]string` (null entries are empty), sorted and without repeats. */
function readNameList(body: unknown): string[] | undefined {
  if (body === null || body === undefined) return [];
  if (!Array.isArray(body)) return undefined;
  const names: string[] = [];
  for (const item of body as unknown[]) {
    if (item !== null && typeof item !== 'string') return undefined;
    names.push(item ?? '');
  }
  return [...new Set(names)].sort();
}
