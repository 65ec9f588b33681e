import type { Clock } from '../../lib/clock.js';
import { hashToken } from '../../lib/hash.js';
import { newSecret } from '../../model/ids.js';
import type { OneTimeToken } from '../../store/token.store.js';
import type { Store } from '../../store/store.js';

export const TOKEN_TYPE_PASSWORD_RECOVERY = 'password_recovery';
export const TOKEN_TYPE_VERIFY_EMAIL = 'verify_email';
/** Mattermost's token length; its API refuses any other length before looking the token up. */
export const ONE_TIME_TOKEN_LENGTH = 64;
/** Mattermost's lifetime for password recovery and email verification tokens: 24 hours. */
export const ONE_TIME_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** What a mailed token stands for, with Mattermost's field names (kept in the `extra` column). */
export interface TokenSubject {
  UserId: string;
  Email: string;
}

export interface FoundToken {
  record: OneTimeToken;
  subject: TokenSubject | undefined;
  expired: boolean;
}

/**
 * Single-use tokens mailed to users. Only the SHA-256 of a token is stored; the token itself
 * exists in the mail alone.
 */
export class OneTimeTokens {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  /** Stores a new token for `subject` and returns it in clear. `replace` first drops the user's older tokens of the type. */
  async create(type: string, subject: TokenSubject, replace: boolean): Promise<string> {
    const now = this.deps.clock.now();
    const token = newSecret(ONE_TIME_TOKEN_LENGTH / 2);
    await this.deps.store.transaction(async (tx) => {
      await tx.tokens.deleteOlderThan(type, now - ONE_TIME_TOKEN_LIFETIME_MS);
      if (replace) await tx.tokens.deleteByTypeAndExtra(type, subjectPrefix(subject.UserId));
      await tx.tokens.insert({ token_hash: hashToken(token), create_at: now, type, extra: JSON.stringify(subject) });
    });
    return token;
  }

  async find(token: string): Promise<FoundToken | undefined> {
    const record = await this.deps.store.tokens.findByHash(hashToken(token));
    if (!record) return undefined;
    return { record, subject: parseSubject(record.extra), expired: this.deps.clock.now() - record.create_at >= ONE_TIME_TOKEN_LIFETIME_MS };
  }

  /** Deletes the token; false when it was already used (two requests raced for it). */
  async consume(record: OneTimeToken): Promise<boolean> {
    return this.deps.store.tokens.consume(record.token_hash);
  }
}

// The extra column holds {"UserId":"…","Email":"…"} with UserId first, so a user's tokens share a prefix.
function subjectPrefix(userId: string): string {
  return `{"UserId":${JSON.stringify(userId)}`;
}

function parseSubject(extra: string): TokenSubject | undefined {
  try {
    const parsed = JSON.parse(extra) as Partial<TokenSubject>;
    if (typeof parsed.UserId !== 'string' || typeof parsed.Email !== 'string') return undefined;
    return { UserId: parsed.UserId, Email: parsed.Email };
  } catch {
    return undefined;
  }
}
