import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, pageParams, requireId } from '../schemas/common.js';

const SchemeIdParams = Type.Object({ scheme_id: Type.String() });
const SchemeBody = Type.Object({
  name: Type.Optional(Type.String()),
  display_name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
});

/** Permission schemes and the teams (and channels) that follow them. */
export const schemeRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const schemes = services.schemes;

  // GET /api/v4/schemes (GetSchemes)
  app.get('/schemes', { schema: { querystring: Type.Object({ ...PageQuery.properties, scope: Type.Optional(Type.String()) }) } }, async (request) => {
    return schemes.getSchemes(request.ctx, request.query.scope ?? '', pageParams(request.query));
  });

  // POST /api/v4/schemes (CreateScheme)
  app.post('/schemes', { schema: { body: SchemeBody }, config: { bodyName: 'scheme' } }, async (request, reply) => {
    if (!request.body) throw AppError.invalidParam('scheme');
    return reply.code(201).send(await schemes.createScheme(request.ctx, request.body));
  });

  // GET /api/v4/schemes/{scheme_id} (GetScheme)
  app.get('/schemes/:scheme_id', { schema: { params: SchemeIdParams } }, async (request) => {
    return schemes.getScheme(request.ctx, requireId(request.params.scheme_id, 'scheme_id'));
  });

  // DELETE /api/v4/schemes/{scheme_id} (DeleteScheme)
  app.delete('/schemes/:scheme_id', { schema: { params: SchemeIdParams } }, async (request) => {
    await schemes.deleteScheme(request.ctx, requireId(request.params.scheme_id, 'scheme_id'));
    return STATUS_OK;
  });

  // PUT /api/v4/schemes/{scheme_id}/patch (PatchScheme)
  app.put('/schemes/:scheme_id/patch', { schema: { params: SchemeIdParams, body: SchemeBody }, config: { bodyName: 'scheme' } }, async (request) => {
    const schemeId = requireId(request.params.scheme_id, 'scheme_id');
    if (!request.body) throw AppError.invalidParam('scheme');
    return schemes.patchScheme(request.ctx, schemeId, request.body);
  });

  // GET /api/v4/schemes/{scheme_id}/teams (GetTeamsForScheme)
  app.get('/schemes/:scheme_id/teams', { schema: { params: SchemeIdParams, querystring: PageQuery } }, async (request) => {
    const teams = await schemes.getTeamsForScheme(request.ctx, requireId(request.params.scheme_id, 'scheme_id'), pageParams(request.query));
    return teams.map((t) => services.teams.toWire(t));
  });

  // GET /api/v4/schemes/{scheme_id}/channels (GetChannelsForScheme)
  app.get('/schemes/:scheme_id/channels', { schema: { params: SchemeIdParams, querystring: PageQuery } }, async (request) => {
    return schemes.getChannelsForScheme(request.ctx, requireId(request.params.scheme_id, 'scheme_id'), pageParams(request.query));
  });
};
