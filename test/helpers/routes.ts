import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  /** Upper-case HTTP method (HEAD routes Fastify adds for GET are left out). */
  method: string;
  /** Full path with Fastify's `:param` placeholders, e.g. `/api/v4/users/:user_id/image`. */
  path: string;
}

const LINE = /^(?<indent>[\s│├└─]*?)(?<segment>[^\s│├└─][^(]*?)(?: \((?<methods>[A-Z, ]+)\))?$/u;

/**
 * Every route the running server has, read from Fastify's route tree (`printRoutes` with full
 * segments). Each tree level is indented by four characters; a node's path is its parent's plus
 * its own segment.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RegisteredRoute[] = [];
  for (const line of tree.split('\n')) {
    if (!line.trim()) continue;
    const match = LINE.exec(line);
    const segment = match?.groups?.['segment'];
    if (!match || segment === undefined) throw new Error(`unexpected route tree line: ${JSON.stringify(line)}`);
    const depth = Math.floor((match.groups?.['indent'] ?? '').length / 4);
    stack.length = depth;
    const parent = depth > 0 ? (stack[depth - 1] ?? '') : '';
    const path = parent === '/' ? `/${segment.replace(/^\//, '')}` : `${parent}${segment}`;
    stack[depth] = path;
    for (const method of (match.groups?.['methods'] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}

/** The same routes with the path under the name `url`. */
export function listRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  return registeredRoutes(app).map((r) => ({ method: r.method, url: r.path }));
}
