import type { FastifyInstance } from 'fastify';
import { AppError } from '../../model/app-error.js';

/**
 * Refuses NUL characters in path parameters, query values and JSON bodies. PostgreSQL can neither
 * store nor compare them (the statement fails), and no Mattermost field needs one; refusing them
 * on both databases keeps the answer the same whatever the store. Runs after authentication, so an
 * anonymous caller still gets 401 first, as everywhere else.
 * @throws AppError 400 invalid_url_param / invalid_body_param naming the field
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.is404) return;
    for (const source of [request.params, request.query]) {
      if (!source || typeof source !== 'object') continue;
      for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
        if (containsNul(key) || containsNul(value)) throw AppError.invalidUrlParam(key.replace(/\0/g, ''), 'contains a NUL character');
      }
    }
    const body: unknown = request.body;
    if (body === undefined || body === null || Buffer.isBuffer(body)) return;
    if (!containsNul(body)) return;
    const field =
      request.routeOptions.config.bodyName ??
      (typeof body === 'object' && !Array.isArray(body) ? Object.entries(body).find(([k, v]) => containsNul(k) || containsNul(v))?.[0] : undefined);
    throw AppError.invalidParam((field ?? 'body').replace(/\0/g, ''), 'contains a NUL character');
  });
}

/** True when a string anywhere in the value (keys included) holds U+0000. */
function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item.includes('\0')) return true;
    } else if (Array.isArray(item)) {
      stack.push(...(item as unknown[]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\0')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
