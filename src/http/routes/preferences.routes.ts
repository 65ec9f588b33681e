import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isRoutablePreferenceSegment, isValidPreferenceSegment } from '../../model/preference.js';
import type { Services } from '../../services/services.js';
import { STATUS_OK, UserIdParams, resolveUserId } from '../schemas/common.js';

const CategoryParams = Type.Object({ user_id: Type.String(), category: Type.String() });
const NameParams = Type.Object({ user_id: Type.String(), category: Type.String(), preference_name: Type.String() });

/**
 * Mattermost's router only takes letters, digits and underscores as category and preference name:
 * anything else is an unknown route.
 * @throws AppError 404 api.context.404.app_error
 */
function requireRoutable(url: string, ...segments: string[]): void {
  if (!segments.every(isRoutablePreferenceSegment)) throw AppError.notFound('api.context.404.app_error', `path=${url.split('?')[0] ?? ''}`);
}

/** Its handlers then want the stricter form. @throws AppError 400 invalid_url_param `name` */
function requireSegment(value: string, name: string): string {
  if (!isValidPreferenceSegment(value)) throw AppError.invalidUrlParam(name);
  return value;
}

/** A user's preferences: read all, by category or one; save and delete lists of them. */
export const preferenceRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const preferences = services.preferences;
  const listBody = { schema: { params: UserIdParams, body: Type.Unknown() }, config: { bodyName: 'preferences' } };

  // GET /api/v4/users/{user_id}/preferences (GetPreferences)
  app.get('/users/:user_id/preferences', { schema: { params: UserIdParams } }, async (request) => {
    return preferences.getPreferences(request.ctx, resolveUserId(request.ctx, request.params.user_id));
  });

  // PUT /api/v4/users/{user_id}/preferences (UpdatePreferences)
  app.put('/users/:user_id/preferences', listBody, async (request) => {
    await preferences.updatePreferences(request.ctx, resolveUserId(request.ctx, request.params.user_id), request.body);
    return STATUS_OK;
  });

  // POST /api/v4/users/{user_id}/preferences/delete (DeletePreferences)
  app.post('/users/:user_id/preferences/delete', listBody, async (request) => {
    await preferences.deletePreferences(request.ctx, resolveUserId(request.ctx, request.params.user_id), request.body);
    return STATUS_OK;
  });

  // GET /api/v4/users/{user_id}/preferences/{category} (GetPreferencesByCategory)
  app.get('/users/:user_id/preferences/:category', { schema: { params: CategoryParams } }, async (request) => {
    requireRoutable(request.url, request.params.category);
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return preferences.getPreferencesByCategory(request.ctx, userId, requireSegment(request.params.category, 'category'));
  });

  // GET /api/v4/users/{user_id}/preferences/{category}/name/{preference_name} (GetPreferencesByCategoryByName)
  app.get('/users/:user_id/preferences/:category/name/:preference_name', { schema: { params: NameParams } }, async (request) => {
    const { category, preference_name: name } = request.params;
    requireRoutable(request.url, category, name);
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return preferences.getPreferenceByCategoryAndName(request.ctx, userId, requireSegment(category, 'category'), requireSegment(name, 'preference_name'));
  });
};
