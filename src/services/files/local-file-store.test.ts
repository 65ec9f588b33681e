import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileNotFoundError, InvalidFilePathError, pathSegments } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';

describe('LocalFileStore', () => {
  let root: string;
  let files: LocalFileStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'parley-filestore-'));
    files = new LocalFileStore(join(root, 'data'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes, reads, replaces and removes files below its directory', async () => {
    expect(await files.exists('users/u1/profile.png')).toBe(false);
    expect(await files.write('users/u1/profile.png', Buffer.from('first'))).toBe(5);
    expect((await files.read('users/u1/profile.png')).toString()).toBe('first');
    await files.write('users/u1/profile.png', Buffer.from('second!'));
    expect((await files.read('users/u1/profile.png')).toString()).toBe('second!');
    expect(await files.exists('users/u1/profile.png')).toBe(true);
    await files.remove('users/u1/profile.png');
    expect(await files.exists('users/u1/profile.png')).toBe(false);
    await files.remove('users/u1/profile.png');
  });

  it('streams in and out', async () => {
    expect(await files.write('a/b.txt', Readable.from([Buffer.from('one '), Buffer.from('two')]))).toBe(7);
    expect(await text(await files.openRead('a/b.txt'))).toBe('one two');
  });

  it('reports missing files as FileNotFoundError', async () => {
    await expect(files.read('nothing/here')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(files.openRead('nothing/here')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('removes whole directories', async () => {
    await files.write('users/u2/a', Buffer.from('a'));
    await files.write('users/u2/nested/b', Buffer.from('b'));
    await files.removeDirectory('users/u2');
    expect(await files.exists('users/u2/a')).toBe(false);
    await files.removeDirectory('users/u2');
  });

  it('never reaches outside its directory', async () => {
    writeFileSync(join(root, 'secret'), 'top secret');
    for (const path of ['../secret', 'a/../../secret', '/etc/passwd', '', '.', 'a\\..\\b', 'a/\u0000b']) {
      await expect(files.read(path), path).rejects.toBeInstanceOf(InvalidFilePathError);
      await expect(files.write(path, Buffer.from('x')), path).rejects.toBeInstanceOf(InvalidFilePathError);
    }
    expect(pathSegments('users//u1/profile.png')).toEqual(['users', 'u1', 'profile.png']);
  });

  it('proves it can write (health check)', async () => {
    await expect(files.testConnection()).resolves.toBeUndefined();
  });
});
