import type { Readable } from 'node:stream';

/**
 * Where uploaded files live (profile pictures, attachments, emoji...). Paths are relative, use `/`
 * as separator and never climb out of the store (`users/<id>/profile.png`, as Mattermost lays
 * them out). The local directory driver is the default; an object-storage driver can implement the
 * same interface.
 */
export interface FileStore {
  /** Stores `data` at `path`, replacing what was there; readers never see a half-written file. Returns the byte count. */
  write(path: string, data: Buffer | Readable): Promise<number>;
  /** The whole file. @throws FileNotFoundError */
  read(path: string): Promise<Buffer>;
  /** A stream of the file, for large files. @throws FileNotFoundError */
  openRead(path: string): Promise<Readable>;
  exists(path: string): Promise<boolean>;
  /** Deletes the file; a missing file is not an error. */
  remove(path: string): Promise<void>;
  /** Deletes a directory and everything below it; a missing directory is not an error. */
  removeDirectory(path: string): Promise<void>;
  /** @throws Error when the store cannot be written (health checks). */
  testConnection(): Promise<void>;
}

export class FileNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`file not found: ${path}`);
    this.name = 'FileNotFoundError';
  }
}

export class InvalidFilePathError extends Error {
  constructor(readonly path: string) {
    super(`invalid file path: ${JSON.stringify(path)}`);
    this.name = 'InvalidFilePathError';
  }
}

/**
 * The path split into its segments, refusing what could escape the store or confuse a driver:
 * empty or absolute paths, `.`/`..` segments, backslashes and control characters.
 * @throws InvalidFilePathError
 */
export function pathSegments(path: string): string[] {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /[\u0000-\u001f\u007f]/.test(path)) {
    throw new InvalidFilePathError(path);
  }
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..')) throw new InvalidFilePathError(path);
  return segments;
}

export function isFileNotFound(error: unknown): error is FileNotFoundError {
  return error instanceof FileNotFoundError;
}
