import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services/services.js';
import { authRoutes } from './auth.routes.js';
import { roleRoutes } from './roles.routes.js';
import { schemeRoutes } from './schemes.routes.js';
import { systemRoutes } from './system.routes.js';
import { teamIconRoutes } from './team-icon.routes.js';
import { teamInviteRoutes } from './team-invites.routes.js';
import { teamMemberRoutes } from './team-members.routes.js';
import { teamRoutes } from './teams.routes.js';
import { userRoutes } from './users.routes.js';
import { credentialRoutes } from './credentials.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { channelRoutes } from './channels.routes.js';
import { channelListingRoutes } from './channel-listings.routes.js';
import { channelMemberRoutes } from './channel-members.routes.js';
import { channelReadRoutes } from './channel-reads.routes.js';
import { sidebarRoutes } from './sidebar.routes.js';

/** Every /api/v4 route, one plugin per area. */
export const apiRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  await app.register(systemRoutes, { services });
  await app.register(authRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(tokenRoutes, { services });
  await app.register(credentialRoutes, { services });
  await app.register(teamRoutes, { services });
  await app.register(teamMemberRoutes, { services });
  await app.register(teamInviteRoutes, { services });
  await app.register(teamIconRoutes, { services });
  await app.register(roleRoutes, { services });
  await app.register(schemeRoutes, { services });
  await app.register(channelRoutes, { services });
  await app.register(channelListingRoutes, { services });
  await app.register(channelMemberRoutes, { services });
  await app.register(channelReadRoutes, { services });
  await app.register(sidebarRoutes, { services });
};
