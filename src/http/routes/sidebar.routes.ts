import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { CategoryInput } from '../../services/channels/sidebar.service.js';
import type { Services } from '../../services/services.js';
import { STATUS_OK, requireId, resolveUserId } from '../schemas/common.js';
import { CategoryBody, CategoryParams, UserTeamParams, requireCategoryId } from '../schemas/channels.schemas.js';

type CategoryBodyValue = { [K in keyof CategoryInput]?: CategoryInput[K] | null };

/** Drops nulls (Mattermost reads a null channel list as none). */
function toInput(body: CategoryBodyValue): CategoryInput {
  const input: CategoryInput = {};
  for (const [key, value] of Object.entries(body)) if (value !== null && value !== undefined) (input as Record<string, unknown>)[key] = value;
  return input;
}

/** Sidebar categories of a user in a team. */
export const sidebarRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const sidebar = services.sidebar;
  const scope = (request: { ctx: Parameters<typeof resolveUserId>[0]; params: { user_id: string; team_id: string } }) => ({
    userId: resolveUserId(request.ctx, request.params.user_id),
    teamId: requireId(request.params.team_id, 'team_id'),
  });
  const base = '/users/:user_id/teams/:team_id/channels/categories';

  // GET /api/v4/users/{user_id}/teams/{team_id}/channels/categories (GetSidebarCategoriesForTeamForUser)
  app.get(base, { schema: { params: UserTeamParams } }, async (request) => {
    const { userId, teamId } = scope(request);
    return sidebar.getCategories(request.ctx, userId, teamId);
  });

  // POST /api/v4/users/{user_id}/teams/{team_id}/channels/categories (CreateSidebarCategoryForTeamForUser)
  app.post(base, { schema: { params: UserTeamParams, body: CategoryBody }, config: { bodyName: 'category' } }, async (request) => {
    const { userId, teamId } = scope(request);
    if (!request.body) throw AppError.invalidParam('category');
    return sidebar.createCategory(request.ctx, userId, teamId, toInput(request.body));
  });

  // PUT /api/v4/users/{user_id}/teams/{team_id}/channels/categories (UpdateSidebarCategoriesForTeamForUser)
  app.put(base, { schema: { params: UserTeamParams, body: Type.Array(CategoryBody) }, config: { bodyName: 'category' } }, async (request) => {
    const { userId, teamId } = scope(request);
    return sidebar.updateCategories(request.ctx, userId, teamId, (request.body ?? []).map(toInput));
  });

  // GET /api/v4/users/{user_id}/teams/{team_id}/channels/categories/order (GetSidebarCategoryOrderForTeamForUser)
  app.get(`${base}/order`, { schema: { params: UserTeamParams } }, async (request) => {
    const { userId, teamId } = scope(request);
    return sidebar.getCategoryOrder(request.ctx, userId, teamId);
  });

  // PUT /api/v4/users/{user_id}/teams/{team_id}/channels/categories/order (UpdateSidebarCategoryOrderForTeamForUser)
  app.put(`${base}/order`, { schema: { params: UserTeamParams, body: Type.Unknown() }, config: { bodyName: 'category' } }, async (request) => {
    const { userId, teamId } = scope(request);
    return sidebar.updateCategoryOrder(request.ctx, userId, teamId, request.body ?? []);
  });

  // GET /api/v4/users/{user_id}/teams/{team_id}/channels/categories/{category_id} (GetSidebarCategoryForTeamForUser)
  app.get(`${base}/:category_id`, { schema: { params: CategoryParams } }, async (request) => {
    const { userId, teamId } = scope(request);
    return sidebar.getCategory(request.ctx, userId, teamId, requireCategoryId(request.params.category_id));
  });

  // PUT /api/v4/users/{user_id}/teams/{team_id}/channels/categories/{category_id} (UpdateSidebarCategoryForTeamForUser)
  app.put(`${base}/:category_id`, { schema: { params: CategoryParams, body: CategoryBody }, config: { bodyName: 'category' } }, async (request) => {
    const { userId, teamId } = scope(request);
    const categoryId = requireCategoryId(request.params.category_id);
    if (!request.body) throw AppError.invalidParam('category');
    return sidebar.updateCategory(request.ctx, userId, teamId, categoryId, toInput(request.body));
  });

  // DELETE /api/v4/users/{user_id}/teams/{team_id}/channels/categories/{category_id} (RemoveSidebarCategoryForTeamForUser)
  app.delete(`${base}/:category_id`, { schema: { params: CategoryParams } }, async (request) => {
    const { userId, teamId } = scope(request);
    await sidebar.deleteCategory(request.ctx, userId, teamId, requireCategoryId(request.params.category_id));
    return STATUS_OK;
  });
};
