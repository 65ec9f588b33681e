import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isWellFormedEmojiName } from '../../model/emoji.js';
import { MAX_EMOJI_FILE_SIZE } from '../../services/emoji/emoji-image.js';
import type { Services } from '../../services/services.js';
import { readMultipartForm } from '../multipart-form.js';
import { STATUS_OK, pageParams, requireId } from '../schemas/common.js';

const EmojiIdParams = Type.Object({ emoji_id: Type.String() });
const EmojiNameParams = Type.Object({ emoji_name: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.String()), per_page: Type.Optional(Type.String()), sort: Type.Optional(Type.String()) });
const AutocompleteQuery = Type.Object({ name: Type.Optional(Type.String()) });

// Emoji images never change under their id; Mattermost lets clients keep them for 30 days.
const IMAGE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Custom emoji: create (multipart), list, read, search, image, delete. */
export const emojiRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const emoji = services.emoji;

  // POST /api/v4/emoji (CreateEmoji), multipart fields "emoji" (JSON) and "image" (file)
  app.post('/emoji', async (request) => {
    const declaredSize = Number(request.headers['content-length'] ?? 0) || 0;
    return emoji.createEmoji(request.ctx, declaredSize, async () => {
      const form = await readMultipartForm(request, {
        fileFields: ['image'],
        maxFileSize: MAX_EMOJI_FILE_SIZE,
        tooLarge: () => emoji.tooLarge(),
        unreadable: (details) => AppError.badRequest('api.emoji.create.parse.app_error', details),
      });
      return { emoji: form.fields.get('emoji'), image: form.files.get('image') };
    });
  });

  // GET /api/v4/emoji (GetEmojiList)
  app.get('/emoji', { schema: { querystring: ListQuery } }, async (request) => {
    const { page, perPage } = pageParams(request.query);
    return emoji.getEmojiList(request.ctx, page, perPage, request.query.sort ?? '');
  });

  // POST /api/v4/emoji/names (GetEmojisByNames)
  app.post('/emoji/names', { schema: { body: Type.Unknown() }, config: { bodyName: 'names' } }, async (request) => {
    return emoji.getEmojisByNames(request.ctx, request.body);
  });

  // POST /api/v4/emoji/search (SearchEmoji)
  app.post('/emoji/search', { schema: { body: Type.Unknown() }, config: { bodyName: 'term' } }, async (request) => {
    const search = readSearch(request.body);
    return emoji.searchEmoji(request.ctx, search.term, search.prefixOnly);
  });

  // GET /api/v4/emoji/autocomplete (AutocompleteEmoji)
  app.get('/emoji/autocomplete', { schema: { querystring: AutocompleteQuery } }, async (request) => {
    return emoji.autocompleteEmoji(request.ctx, request.query.name ?? '');
  });

  // GET /api/v4/emoji/{emoji_id} (GetEmoji)
  app.get('/emoji/:emoji_id', { schema: { params: EmojiIdParams } }, async (request) => {
    return emoji.getEmoji(request.ctx, requireId(request.params.emoji_id, 'emoji_id'));
  });

  // DELETE /api/v4/emoji/{emoji_id} (DeleteEmoji)
  app.delete('/emoji/:emoji_id', { schema: { params: EmojiIdParams } }, async (request) => {
    await emoji.deleteEmoji(request.ctx, requireId(request.params.emoji_id, 'emoji_id'));
    return STATUS_OK;
  });

  // GET /api/v4/emoji/name/{emoji_name} (GetEmojiByName)
  app.get('/emoji/name/:emoji_name', { schema: { params: EmojiNameParams } }, async (request) => {
    const name = request.params.emoji_name;
    if (!isWellFormedEmojiName(name)) throw AppError.invalidUrlParam('emoji_name');
    return emoji.getEmojiByName(request.ctx, name);
  });

  // GET /api/v4/emoji/{emoji_id}/image (GetEmojiImage)
  app.get('/emoji/:emoji_id/image', { schema: { params: EmojiIdParams } }, async (request, reply) => {
    const image = await emoji.getEmojiImage(request.ctx, requireId(request.params.emoji_id, 'emoji_id'));
    return reply.type(`image/${image.type}`).header('Cache-Control', `max-age=${IMAGE_MAX_AGE_SECONDS}, private`).send(image.data);
  });
};

/**
 * The search body as Go decodes it: `term` a string, `prefix_only` a boolean, both optional.
 * @throws AppError 400 invalid_body_param term when the body has another shape
 */
function readSearch(body: unknown): { term: string; prefixOnly: boolean } {
  if (body === null || body === undefined) return { term: '', prefixOnly: false };
  if (typeof body !== 'object' || Array.isArray(body)) throw AppError.invalidParam('term');
  const { term, prefix_only: prefixOnly } = body as Record<string, unknown>;
  if (term !== undefined && term !== null && typeof term !== 'string') throw AppError.invalidParam('term');
  if (prefixOnly !== undefined && prefixOnly !== null && typeof prefixOnly !== 'boolean') throw AppError.invalidParam('term');
  return { term: typeof term === 'string' ? term : '', prefixOnly: prefixOnly === true };
}
