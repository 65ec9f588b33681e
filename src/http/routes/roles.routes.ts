import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../services/services.js';
import { requireId } from '../schemas/common.js';

const RoleIdParams = Type.Object({ role_id: Type.String() });

/** Roles: reading them and patching their permissions. */
export const roleRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // GET /api/v4/roles (GetAllRoles)
  app.get('/roles', async (request) => services.roleAdmin.getAllRoles(request.ctx));

  // GET /api/v4/roles/name/{role_name} (GetRoleByName)
  app.get('/roles/name/:role_name', { schema: { params: Type.Object({ role_name: Type.String() }) } }, async (request) => {
    return services.roleAdmin.getRoleByName(request.params.role_name);
  });

  // POST /api/v4/roles/names (GetRolesByNames)
  app.post('/roles/names', { schema: { body: Type.Unknown() }, config: { bodyName: 'rolenames' } }, async (request) => {
    return services.roleAdmin.getRolesByNames(request.body);
  });

  // GET /api/v4/roles/{role_id} (GetRole)
  app.get('/roles/:role_id', { schema: { params: RoleIdParams } }, async (request) => {
    return services.roleAdmin.getRole(requireId(request.params.role_id, 'role_id'));
  });

  // PUT /api/v4/roles/{role_id}/patch (PatchRole)
  app.put(
    '/roles/:role_id/patch',
    { schema: { params: RoleIdParams, body: Type.Object({ permissions: Type.Optional(Type.Array(Type.String())) }) }, config: { bodyName: 'role' } },
    async (request) => {
      const roleId = requireId(request.params.role_id, 'role_id');
      return services.roleAdmin.patchRole(request.ctx, roleId, request.body ?? {});
    },
  );
};
