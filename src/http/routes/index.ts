import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services/services.js';
import { authRoutes } from './auth.routes.js';
import { systemRoutes } from './system.routes.js';
import { userRoutes } from './users.routes.js';
import { credentialRoutes } from './credentials.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { oauthAppRoutes } from './oauth-apps.routes.js';
import { botRoutes } from './bots.routes.js';
import { groupRoutes } from './groups.routes.js';

/** Every /api/v4 route, one plugin per area. */
export const apiRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  await app.register(systemRoutes, { services });
  await app.register(authRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(tokenRoutes, { services });
  await app.register(credentialRoutes, { services });
  await app.register(oauthAppRoutes, { services });
  await app.register(botRoutes, { services });
  await app.register(groupRoutes, { services });
};
