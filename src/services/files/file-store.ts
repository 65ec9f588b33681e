import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';

/** Where uploaded and generated files live (local directory now; S3 behind the same shape later). */
export interface FileStore {
  /** The file's bytes, or undefined when there is none. */
  read(path: string): Promise<Buffer | undefined>;
  write(path: string, data: Buffer): Promise<void>;
  remove(path: string): Promise<void>;
}

/** Files under one directory (FileSettings.Directory); paths are relative and may not climb out. */
export class LocalFileStore implements FileStore {
  constructor(private readonly directory: () => string) {}

  async read(path: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.resolve(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(path: string, data: Buffer): Promise<void> {
    const full = this.resolve(path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, data);
  }

  async remove(path: string): Promise<void> {
    await rm(this.resolve(path), { force: true });
  }

  private resolve(path: string): string {
    const relative = normalize(path);
    if (relative.startsWith('..') || relative.startsWith(sep)) throw new Error(`file path outside the store: ${path}`);
    return join(this.directory(), relative);
  }
}
