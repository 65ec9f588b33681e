import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/**
 * Files under one directory (Mattermost's local file driver, `FileSettings.Directory`). Paths are
 * relative and may not climb out of the directory.
 */
export class LocalFileStore {
  constructor(private readonly directory: () => string) {}

  /** The file's bytes, or undefined when it does not exist. */
  async read(path: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.resolve(path));
    } catch (error) {
      // Node's fs errors carry a code; a missing file is an answer, not a failure.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(path: string, data: Buffer): Promise<void> {
    const target = this.resolve(path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }

  /** Removes the file; a missing file is not an error. */
  async remove(path: string): Promise<void> {
    await rm(this.resolve(path), { force: true });
  }

  private resolve(path: string): string {
    const root = resolve(this.directory());
    const target = resolve(root, path);
    if (!target.startsWith(root + sep)) throw new Error(`path escapes the file directory: ${path}`);
    return target;
  }
}
