import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { STATUS_OK, UserIdParams, resolveUserId } from '../schemas/common.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Presence and custom statuses. Bodies are read as Mattermost decodes them, so they stay loose here. */
export const statusRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // GET /api/v4/users/{user_id}/status (GetUserStatus)
  app.get('/users/:user_id/status', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    const [status] = await services.statuses.getUserStatusesByIds([userId]);
    if (!status) throw AppError.notFound('api.status.user_not_found.app_error');
    return status;
  });

  // POST /api/v4/users/status/ids (GetUsersStatusesByIds)
  app.post('/users/status/ids', { schema: { body: Type.Unknown() }, config: { bodyName: 'user_ids' } }, async (request) => {
    const ids = request.body;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string' && id.length === 26)) {
      throw AppError.invalidParam('user_ids');
    }
    return services.statuses.getUserStatusesByIds(ids);
  });

  // PUT /api/v4/users/{user_id}/status (UpdateUserStatus)
  app.put('/users/:user_id/status', { schema: { params: UserIdParams, body: Type.Unknown() }, config: { bodyName: 'status' } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    if (!isObject(request.body)) throw AppError.invalidParam('status');
    return services.statuses.updateUserStatus(request.ctx, userId, request.body);
  });

  // PUT /api/v4/users/{user_id}/status/custom (UpdateUserCustomStatus)
  app.put('/users/:user_id/status/custom', { schema: { params: UserIdParams, body: Type.Unknown() }, config: { bodyName: 'custom_status' } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.customStatuses.updateCustomStatus(request.ctx, userId, request.body);
    return STATUS_OK;
  });

  // DELETE /api/v4/users/{user_id}/status/custom (UnsetUserCustomStatus)
  app.delete('/users/:user_id/status/custom', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.customStatuses.removeCustomStatus(request.ctx, userId);
    return STATUS_OK;
  });

  const removeRecent = { schema: { params: UserIdParams, body: Type.Unknown() }, config: { bodyName: 'recent_custom_status' } };
  // DELETE /api/v4/users/{user_id}/status/custom/recent (RemoveRecentCustomStatus)
  app.delete('/users/:user_id/status/custom/recent', removeRecent, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.customStatuses.removeRecentCustomStatus(request.ctx, userId, request.body);
    return STATUS_OK;
  });

  // POST /api/v4/users/{user_id}/status/custom/recent/delete (PostUserRecentCustomStatusDelete)
  app.post('/users/:user_id/status/custom/recent/delete', removeRecent, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.customStatuses.removeRecentCustomStatus(request.ctx, userId, request.body);
    return STATUS_OK;
  });
};
