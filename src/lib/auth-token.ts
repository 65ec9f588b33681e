export type TokenLocation = 'cookie' | 'header' | 'query' | 'none';

/**
 * The bearer token of a request, looked for where Mattermost looks and in its order: the session
 * cookie, `Authorization: Bearer`, `Authorization: Token`, then `?access_token=`.
 */
export function findToken(parts: { cookie?: string | undefined; authorization?: string | undefined; query?: unknown }): {
  token: string;
  location: TokenLocation;
} {
  if (parts.cookie) return { token: parts.cookie, location: 'cookie' };
  const header = parts.authorization ?? '';
  // Clients send "BEARER" in upper case, so the scheme comparison ignores case.
  if (header.length > 6 && header.slice(0, 6).toUpperCase() === 'BEARER') return { token: header.slice(7).trim(), location: 'header' };
  if (header.length > 5 && header.slice(0, 5).toLowerCase() === 'token') return { token: header.slice(6).trim(), location: 'header' };
  if (typeof parts.query === 'string' && parts.query) return { token: parts.query, location: 'query' };
  return { token: '', location: 'none' };
}

/** One cookie's value from a raw Cookie header (for requests that bypass the HTTP framework). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
