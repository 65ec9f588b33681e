import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { queryBool } from '../schemas/common.js';

export const systemRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // GET /api/v4/system/ping (GetPing)
  app.get(
    '/system/ping',
    { schema: { querystring: Type.Object({ get_server_status: Type.Optional(Type.String()), device_id: Type.Optional(Type.String()) }) }, config: { auth: 'optional' } },
    async (request, reply) => {
      const { body, healthy } = await services.system.ping(queryBool(request.query.get_server_status));
      return reply.code(healthy ? 200 : 500).send(body);
    },
  );

  // GET /api/v4/config/client (GetClientConfig)
  app.get(
    '/config/client',
    { schema: { querystring: Type.Object({ format: Type.Optional(Type.String()) }) }, config: { auth: 'optional', mfaExempt: true } },
    async (request) => {
      if (request.query.format !== 'old') {
        throw new AppError('api.config.client.old_format.app_error', 501, { details: 'only format=old is supported, as in Mattermost' });
      }
      return services.system.clientConfig(request.ctx);
    },
  );

  // GET /api/v4/license/client (GetClientLicense)
  app.get(
    '/license/client',
    { schema: { querystring: Type.Object({ format: Type.Optional(Type.String()) }) }, config: { auth: 'optional', mfaExempt: true } },
    async (request) => {
      if (request.query.format !== 'old') {
        throw new AppError('api.license.client.old_format.app_error', 501, { details: 'only format=old is supported, as in Mattermost' });
      }
      return services.system.clientLicense();
    },
  );
};
