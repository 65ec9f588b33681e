import { Type, type Static } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import type { RequestContext } from '../../services/common/context.js';
import { PER_PAGE_DEFAULT, PER_PAGE_MAX } from '../../services/users/user-query.service.js';

/** Query strings stay strings in schemas; handlers parse them leniently, as Mattermost does. */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
});
export type PageQuery = Static<typeof PageQuery>;

export const UserIdParams = Type.Object({ user_id: Type.String() });

/** Mattermost's paging: bad or negative values fall back to defaults, per_page is capped. */
export function pageParams(query: { page?: string | undefined; per_page?: string | undefined }, maxPerPage = PER_PAGE_MAX): { page: number; perPage: number } {
  const page = Number.parseInt(query.page ?? '', 10);
  const perPage = Number.parseInt(query.per_page ?? '', 10);
  return {
    page: Number.isFinite(page) && page >= 0 ? page : 0,
    perPage: Number.isFinite(perPage) && perPage >= 0 ? Math.min(perPage, maxPerPage) : PER_PAGE_DEFAULT,
  };
}

/** Query booleans as Mattermost parses them ("true" only). */
export function queryBool(value: string | undefined): boolean {
  return value === 'true';
}

/** Query booleans read with Go's strconv.ParseBool, as most Mattermost handlers do ("1", "t", "true"...). */
export function parseBool(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

/**
 * The user id of a path, with "me" standing for the caller.
 * @throws AppError 400 invalid_url_param user_id
 */
export function resolveUserId(ctx: RequestContext, raw: string): string {
  if (raw === 'me') {
    if (!ctx.session) throw AppError.unauthorized();
    return ctx.session.user_id;
  }
  if (!isValidId(raw)) throw AppError.invalidUrlParam('user_id');
  return raw;
}

/** @throws AppError 400 invalid_url_param `name` unless `raw` is an id. */
export function requireId(raw: string, name: string): string {
  if (!isValidId(raw)) throw AppError.invalidUrlParam(name);
  return raw;
}

/** A field of a JSON object body; undefined when the body is not an object (Mattermost reads such bodies as empty maps). */
export function bodyField(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;
}

export const STATUS_OK = { status: 'OK' } as const;
