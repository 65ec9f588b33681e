import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 hex of a bearer secret; what the database keeps instead of the secret. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time string comparison for secrets of possibly different length. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** 32-bit FNV-1a of the UTF-8 bytes: a cheap, stable spread (Mattermost picks avatar colours with it). */
export function fnv1a32(value: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(value, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** SHA-1 hex of a string; only for names that must match Mattermost's, never for secrets. */
export function sha1Hex(value: string): string {
  return createHash('sha1').update(value).digest('hex');
}
