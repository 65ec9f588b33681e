import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services/services.js';
import { authRoutes } from './auth.routes.js';
import { roleRoutes } from './roles.routes.js';
import { schemeRoutes } from './schemes.routes.js';
import { clusterRoutes } from './cluster.routes.js';
import { statusRoutes } from './status.routes.js';
import { profileImageRoutes } from './profile-images.routes.js';
import { systemRoutes } from './system.routes.js';
import { teamIconRoutes } from './team-icon.routes.js';
import { teamInviteRoutes } from './team-invites.routes.js';
import { teamMemberRoutes } from './team-members.routes.js';
import { teamRoutes } from './teams.routes.js';
import { userRoutes } from './users.routes.js';
import { credentialRoutes } from './credentials.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { preferenceRoutes } from './preferences.routes.js';
import { emojiRoutes } from './emoji.routes.js';

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
  await app.register(statusRoutes, { services });
  await app.register(clusterRoutes, { services });
  await app.register(profileImageRoutes, { services });
  await app.register(preferenceRoutes, { services });
  await app.register(emojiRoutes, { services });
};
