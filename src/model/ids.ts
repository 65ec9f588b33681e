import { randomBytes } from 'node:crypto';

// z-base-32, the alphabet Mattermost encodes its ids with; clients only check length and charset.
const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** A new 26-character id in Mattermost's form (128 random bits, z-base-32). */
export function newId(): string {
  const bytes = randomBytes(16);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

const ID_PATTERN = /^[a-zA-Z0-9]{26}$/;

/** True when the value has the shape of a Mattermost id (26 letters or digits). */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** A random secret of `bytes` bytes as lowercase hex, for tokens that are never ids. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('hex');
}
