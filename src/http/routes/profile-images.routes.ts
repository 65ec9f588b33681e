import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import type { ProfilePicture } from '../../services/users/profile-image.service.js';
import { readMultipartForm } from '../multipart-form.js';
import { STATUS_OK, UserIdParams, resolveUserId } from '../schemas/common.js';

// `_` is the cache-busting value clients append (last_picture_update); it changes nothing here.
const ImageQuery = Type.Object({ _: Type.Optional(Type.String()) });

/** Profile pictures: read (uploaded or generated), upload, reset to the default. */
export const profileImageRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const images = services.profileImages;

  // GET /api/v4/users/{user_id}/image (GetProfileImage)
  app.get('/users/:user_id/image', { schema: { params: UserIdParams, querystring: ImageQuery } }, async (request, reply) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    const ifNoneMatch = request.headers['if-none-match'];
    const picture = await images.getProfileImage(request.ctx, userId, ifNoneMatch);
    if (picture.notModified) return reply.code(304).header('ETag', picture.etag).send();
    return sendPicture(reply, picture);
  });

  // GET /api/v4/users/{user_id}/image/default (GetDefaultProfileImage)
  app.get('/users/:user_id/image/default', { schema: { params: UserIdParams, querystring: ImageQuery } }, async (request, reply) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return sendPicture(reply, await images.getDefaultProfileImage(request.ctx, userId));
  });

  // POST /api/v4/users/{user_id}/image (SetProfileImage), multipart field "image"
  app.post('/users/:user_id/image', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await images.checkCanSetProfileImage(request.ctx, userId);
    const data = await readUploadedImage(request, services.config.get().FileSettings.MaxFileSize);
    await images.setProfileImage(request.ctx, userId, data);
    return STATUS_OK;
  });

  // DELETE /api/v4/users/{user_id}/image (SetDefaultProfileImage)
  app.delete('/users/:user_id/image', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await images.setDefaultProfileImage(request.ctx, userId);
    return STATUS_OK;
  });
};

function sendPicture(reply: FastifyReply, picture: ProfilePicture): FastifyReply {
  reply.header('Cache-Control', `max-age=${picture.maxAgeSeconds}, private`);
  if (picture.etag !== undefined) reply.header('ETag', picture.etag);
  return reply.type('image/png').send(picture.png);
}

/**
 * The bytes of the multipart file field `image`, refusing bodies above `FileSettings.MaxFileSize`
 * before and while reading them.
 * @throws AppError 413 too_large, 400 parse / no_file
 */
async function readUploadedImage(request: FastifyRequest, maxFileSize: number): Promise<Buffer> {
  const tooLarge = () => new AppError('api.user.upload_profile_user.too_large.app_error', 413, { details: `max=${maxFileSize}` });
  const declared = Number(request.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxFileSize) throw tooLarge();
  const form = await readMultipartForm(request, {
    fileFields: ['image'],
    maxFileSize,
    tooLarge,
    unreadable: (details) => AppError.badRequest('api.user.upload_profile_user.parse.app_error', details),
  });
  const image = form.files.get('image');
  if (image === undefined) throw AppError.badRequest('api.user.upload_profile_user.no_file.app_error');
  return image;
}
