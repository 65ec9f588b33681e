import type { RawResponse } from './server.js';

// Shared by the seeded fuzz tests: a reproducible source of junk input and the check every answer must pass.

const APP_ERROR_KEYS = ['detailed_error', 'id', 'message', 'request_id', 'status_code'];

/** mulberry32: small, fast and good enough to pick test inputs reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Body keys the users fuzz test draws from (other areas pass their own). */
const USER_KEYS = [
  'id', 'username', 'email', 'password', 'nickname', 'first_name', 'last_name', 'position', 'locale', 'props',
  'notify_props', 'timezone', 'roles', 'active', 'activate', 'code', 'term', 'limit', 'session_id', 'device_id',
  'login_id', 'token', 'team_id', 'allow_inactive', 'auth_data', 'auth_service', 'user_ids', '__proto__', 'constructor',
];

/** Random strings, values and objects drawn from a seeded generator. */
export class Junk {
  constructor(
    private readonly random: () => number,
    private readonly keys: readonly string[] = USER_KEYS,
  ) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  string(): string {
    return this.pick<() => string>([
      () => '',
      () => 'a',
      () => 'x'.repeat(1 + this.int(300)),
      () => 'y'.repeat(70_000),
      () => 'ünïcødé 👍 \u202e\u200b',
      () => '%_\\\'";--',
      () => '../../etc/passwd',
      () => '\u0000\u0001',
      () => 'me',
      () => 'system_admin system_user',
      () => String(this.int(1_000_000)).padStart(6, '0'),
      () => Array.from({ length: 26 }, () => this.pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join(''),
      () => 'user@example.com',
      () => 'true',
    ])();
  }

  value(depth = 0): unknown {
    const kinds: Array<() => unknown> = [
      () => null,
      () => this.chance(0.5),
      () => this.pick([0, -1, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 200, 1001]),
      () => this.string(),
    ];
    if (depth < 3) {
      kinds.push(() => Array.from({ length: this.int(4) }, () => this.value(depth + 1)));
      kinds.push(() => this.object(depth + 1));
    }
    return this.pick(kinds)();
  }

  object(depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i--) {
      const key = this.pick(this.keys);
      // Prototype keys are refused by the JSON parser; keep most bodies parseable.
      if ((key === '__proto__' || key === 'constructor') && !this.chance(0.2)) continue;
      out[key] = this.value(depth);
    }
    return out;
  }
}

/** What is wrong with an answer, or undefined when it is acceptable. */
export function checkResponse(response: RawResponse): string | undefined {
  // 501 is how Mattermost answers a feature that is switched off (MFA) or not offered; it must
  // still be a well-formed error. Any other 5xx is a server fault.
  if (response.status >= 500 && response.status !== 501) return `status ${response.status} ${response.text.slice(0, 300)}`;
  if (response.status < 400) return undefined;
  if (response.headers.get('content-type') !== 'application/json') return `error with content-type ${response.headers.get('content-type')}`;
  const body = response.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return `error body is not JSON: ${response.text.slice(0, 200)}`;
  const keys = Object.keys(body).sort();
  if (keys.join() !== APP_ERROR_KEYS.join()) return `error body keys ${keys.join()}`;
  if (body['status_code'] !== response.status) return `status_code ${String(body['status_code'])} ≠ ${response.status}`;
  if (typeof body['id'] !== 'string' || body['id'] === '') return 'error without id';
  return undefined;
}
