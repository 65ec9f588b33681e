import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileNotFoundError, pathSegments, type FileStore } from './file-store.js';

/** Files in a directory of the local file system (`FileSettings.DriverName = "local"`). */
export class LocalFileStore implements FileStore {
  readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async write(path: string, data: Buffer | Readable): Promise<number> {
    const target = this.resolve(path);
    await mkdir(dirname(target), { recursive: true });
    // Written beside the target and renamed over it: a reader sees the old file or the new one.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (Buffer.isBuffer(data)) {
        await writeFile(temporary, data);
      } else {
        await pipeline(data, createWriteStream(temporary));
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return (await stat(target)).size;
  }

  async read(path: string): Promise<Buffer> {
    try {
      return await readFile(this.resolve(path));
    } catch (error) {
      throw notFoundOr(error, path);
    }
  }

  async openRead(path: string): Promise<Readable> {
    const target = this.resolve(path);
    // Opening first turns a missing file into FileNotFoundError here rather than a stream error later.
    const handle = await open(target, 'r').catch((error: unknown) => {
      throw notFoundOr(error, path);
    });
    return handle.createReadStream();
  }

  async exists(path: string): Promise<boolean> {
    try {
      await access(this.resolve(path));
      return true;
    } catch {
      return false;
    }
  }

  async remove(path: string): Promise<void> {
    await rm(this.resolve(path), { force: true });
  }

  async removeDirectory(path: string): Promise<void> {
    await rm(this.resolve(path), { recursive: true, force: true });
  }

  async testConnection(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const probe = join(this.root, `.write-test-${randomBytes(6).toString('hex')}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  }

  private resolve(path: string): string {
    return join(this.root, ...pathSegments(path));
  }
}

function notFoundOr(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? new FileNotFoundError(path) : error;
}
