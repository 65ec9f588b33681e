import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** With Fastify's ":param" placeholders, e.g. /api/v4/groups/:group_id. */
  url: string;
}

const LINE = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([^)]*)\))?$/;

/**
 * Every route the server answers, read from Fastify's own route tree at run time (each tree line
 * is one path segment; its depth comes from the indentation).
 */
export function listRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    segments.length = depth;
    segments.push(match[2] ?? '');
    const url = `/${segments.join('')}`.replace(/\/{2,}/g, '/');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, url });
    }
  }
  return routes;
}
