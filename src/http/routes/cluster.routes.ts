import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services/services.js';

export const clusterRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // GET /api/v4/cluster/status (GetClusterStatus)
  app.get('/cluster/status', async (request) => services.cluster.getClusterStatus(request.ctx));
};
