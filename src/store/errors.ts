/** Store errors carry data, never HTTP status; services map them to AppErrors. */
export class StoreError extends Error {}

export class NotFoundError extends StoreError {
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} not found: ${key}`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends StoreError {
  constructor(readonly entity: string, readonly detail: string) {
    super(`${entity} conflicts: ${detail}`);
    this.name = 'ConflictError';
  }
}

/**
 * Turns a driver's unique-constraint failure into a ConflictError (SQLite's
 * SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL's 23505); other errors pass through.
 */
export function mapDriverError(error: unknown, entity: string): unknown {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
      const detail = (error as { constraint?: string; message?: string }).constraint ?? (error as Error).message;
      return new ConflictError(entity, detail);
    }
  }
  return error;
}

export function isConflict(error: unknown): error is ConflictError {
  return error instanceof ConflictError;
}
