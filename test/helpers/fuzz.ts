import Fastify from 'fastify';
import { apiRoutes } from '../../src/http/routes/index.js';
import type { Services } from '../../src/services/services.js';
import { rawRequest } from './server.js';

/** A small seeded generator, so a failure can be replayed. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random JSON value: scalars of awkward kinds, arrays, and objects with the given field names. */
export function randomValue(next: () => number, fields: readonly string[], depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 1 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() > 0.5;
    case 2:
      return Math.floor(next() * 2 ** 40) * (next() > 0.5 ? 1 : -1);
    case 3:
      return ['', 'O', 'I', 'team', 'channel', 'x'.repeat(300), 'Ünïcödé 🎉', 'a'.repeat(26), '<script>', 'team_user'][Math.floor(next() * 10)];
    case 4:
      return next() * 1e6;
    case 5:
      return String(Math.floor(next() * 1e9));
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, fields, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--) object[fields[Math.floor(next() * fields.length)] ?? 'x'] = randomValue(next, fields, depth + 1);
      return object;
    }
  }
}

/** Every route the real route plugins declare (HEAD left out), learnt by registering them on a bare instance. */
export async function registeredRoutes(services: Services): Promise<Array<{ method: string; url: string }>> {
  const probe = Fastify();
  const found: Array<{ method: string; url: string }> = [];
  probe.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) found.push({ method: String(method), url: route.url });
  });
  await probe.register(apiRoutes, { prefix: '/api/v4', services });
  await probe.ready();
  await probe.close();
  return found.filter((r) => r.method !== 'HEAD');
}

export interface FuzzOptions {
  url: string;
  routes: ReadonlyArray<{ method: string; url: string }>;
  /** Real values for path parameters, by name; used most of the time so requests reach the services. */
  ids: Readonly<Record<string, readonly string[]>>;
  tokens: readonly string[];
  fields: readonly string[];
  seed: number;
  rounds: number;
  /** Extra query string parameters to mix in. */
  query: (next: () => number) => string;
  /** 501 answers that are deliberate (features not offered), by error id. */
  deliberate501: ReadonlySet<string>;
}

/** Sends random requests to every route; returns the ones answered with a server error. */
export async function fuzzRoutes(options: FuzzOptions): Promise<string[]> {
  const next = generator(options.seed);
  const failures: string[] = [];
  for (const route of options.routes) {
    for (let round = 0; round < options.rounds; round++) {
      const path = route.url.replace(/:(\w+)/g, (_, name: string) => {
        const known = options.ids[name] ?? [];
        const choices = known.length && next() < 0.7 ? known : ['a'.repeat(26), 'not-an-id', '%20', 'x'.repeat(80)];
        return encodeURIComponent(choices[Math.floor(next() * choices.length)] ?? 'x');
      });
      const query = next() > 0.5 ? options.query(next) : '';
      const body = next() > 0.85 ? '{"broken": ' : randomValue(next, options.fields);
      const token = options.tokens[round % options.tokens.length];
      const response = await rawRequest(options.url, route.method, `${path}${query}`, {
        ...(token ? { token } : {}),
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: body ?? 'null' }),
      });
      const id = typeof response.json?.id === 'string' ? (response.json.id as string) : '';
      if (response.status >= 500 && !(response.status === 501 && options.deliberate501.has(id))) {
        failures.push(`${route.method} ${path}${query} ${JSON.stringify(body)} -> ${response.status} ${id}`);
      }
    }
  }
  return failures;
}
