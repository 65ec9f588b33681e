import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { readMultipartForm } from '../multipart-form.js';
import { STATUS_OK, requireId } from '../schemas/common.js';
import { TeamIdParams } from '../schemas/teams.schemas.js';

const DAY_IN_SECONDS = 24 * 60 * 60;

/** Team icons: read (with ETag), upload (multipart field "image"), remove. */
export const teamIconRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // GET /api/v4/teams/{team_id}/image (GetTeamIcon)
  app.get('/teams/:team_id/image', { schema: { params: TeamIdParams } }, async (request, reply) => {
    const { image, etag } = await services.teamIcons.getTeamIcon(request.ctx, requireId(request.params.team_id, 'team_id'));
    reply.header('Etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('image/png').header('Cache-Control', `max-age=${DAY_IN_SECONDS}, private`).send(image);
  });

  // POST /api/v4/teams/{team_id}/image (SetTeamIcon)
  app.post('/teams/:team_id/image', { schema: { params: TeamIdParams } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    await services.teamIcons.requireCanEdit(request.ctx, teamId);
    const maxSize = services.config.get().FileSettings.MaxFileSize;
    if (Number(request.headers['content-length'] ?? 0) > maxSize) throw AppError.badRequest('api.team.set_team_icon.too_large.app_error');
    const form = await readMultipartForm(request, {
      fileFields: ['image'],
      maxFileSize: maxSize,
      tooLarge: () => AppError.badRequest('api.team.set_team_icon.too_large.app_error'),
      unreadable: (details) => AppError.badRequest('api.team.set_team_icon.parse.app_error', details),
    });
    const image = form.files.get('image');
    if (!image) throw AppError.badRequest('api.team.set_team_icon.no_file.app_error');
    await services.teamIcons.setTeamIcon(request.ctx, teamId, image);
    return STATUS_OK;
  });

  // DELETE /api/v4/teams/{team_id}/image (RemoveTeamIcon)
  app.delete('/teams/:team_id/image', { schema: { params: TeamIdParams } }, async (request) => {
    await services.teamIcons.removeTeamIcon(request.ctx, requireId(request.params.team_id, 'team_id'));
    return STATUS_OK;
  });
};
