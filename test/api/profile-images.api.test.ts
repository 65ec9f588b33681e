import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import { avatarColour } from '../../src/services/users/default-avatar.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest, type RawResponse } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

type Rgb = readonly [number, number, number];

async function solidImage(width: number, height: number, colour: Rgb, format: 'png' | 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 95 }).toBuffer();
}

function asFile(data: Buffer, type: string): File {
  return new File([new Uint8Array(data)], `picture.${type.split('/')[1] ?? 'bin'}`, { type });
}

async function pixel(png: Buffer, x: number, y: number): Promise<Rgb> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset] ?? -1, data[offset + 1] ?? -1, data[offset + 2] ?? -1];
}

function expectColourNear(actual: Rgb, expected: Rgb, tolerance = 12): void {
  for (let i = 0; i < 3; i++) expect(Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)), `channel ${i} of ${actual.join(',')}`).toBeLessThanOrEqual(tolerance);
}

describe('profile images', () => {
  let th: TestHelper;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    th.server.app.services.bus.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const getImage = (userId: string, token: string, path = '/image', headers: Record<string, string> = {}): Promise<RawResponse> =>
    rawRequest(th.url, 'GET', `/api/v4/users/${userId}${path}`, { token, headers });

  it('serves a generated default picture until one is uploaded', async () => {
    const { user } = await th.createUser();
    const response = await getImage(user.id, th.client.getToken());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('max-age=300, private');
    expect(response.headers.get('etag')).toBeNull();
    const meta = await sharp(response.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 128, height: 128 });
    expectColourNear(await pixel(response.bytes, 2, 2), avatarColour(user.id), 0);
  });

  it('serves the default picture on /image/default, cached for a day', async () => {
    const response = await getImage(th.basicUser2.id, th.client.getToken(), '/image/default');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('max-age=86400, private');
    const meta = await sharp(response.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([128, 128]);
    expectColourNear(await pixel(response.bytes, 127, 127), avatarColour(th.basicUser2.id), 0);
  });

  it('uploads a JPEG as a 128 px PNG, updates last_picture_update and serves it with an ETag', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    const before = Date.now();
    events.length = 0;
    const result = await client.uploadProfileImage(user.id, asFile(await solidImage(300, 200, [20, 160, 40], 'jpeg'), 'image/jpeg'));
    expect(result).toEqual({ status: 'OK' });

    const me = await client.getMe();
    expect(me.last_picture_update).toBeGreaterThanOrEqual(before);
    expect(events.some((e) => e.type === 'user.picture_changed' && e.payload.user.id === user.id)).toBe(true);
    expect(existsSync(join(th.server.filesDirectory, 'users', user.id, 'profile.png'))).toBe(true);

    // The URL clients build, cache-busting parameter included.
    const url = client.getProfilePictureUrl(user.id, me.last_picture_update);
    expect(url).toContain(`?_=${me.last_picture_update}`);
    const response = await rawRequest(th.url, 'GET', url.slice(th.url.length), { token: th.client.getToken() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('max-age=86400, private');
    expect(response.headers.get('etag')).toBe(String(me.last_picture_update));
    const meta = await sharp(response.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 128, height: 128 });
    expectColourNear(await pixel(response.bytes, 64, 64), [20, 160, 40]);

    const cached = await getImage(user.id, th.client.getToken(), '/image', { 'If-None-Match': String(me.last_picture_update) });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(String(me.last_picture_update));
    expect(cached.bytes.length).toBe(0);
  });

  it('crops around the centre to fill the square', async () => {
    // 400 × 100: red left half, blue right half. Scaled to 512 × 128 and cropped to the middle,
    // the left of the result is red and the right blue.
    const left = await solidImage(200, 100, [220, 0, 0], 'png');
    const wide = await sharp({ create: { width: 400, height: 100, channels: 3, background: { r: 0, g: 0, b: 220 } } })
      .composite([{ input: left, left: 0, top: 0 }])
      .png()
      .toBuffer();
    await th.client.uploadProfileImage(th.basicUser.id, asFile(wide, 'image/png'));
    const response = await getImage(th.basicUser.id, th.client.getToken());
    expectColourNear(await pixel(response.bytes, 8, 64), [220, 0, 0]);
    expectColourNear(await pixel(response.bytes, 120, 64), [0, 0, 220]);
  });

  it('goes back to the default on DELETE with a negative last_picture_update', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    await client.uploadProfileImage(user.id, asFile(await solidImage(64, 64, [10, 10, 10], 'png'), 'image/png'));
    const uploaded = (await client.getMe()).last_picture_update ?? 0;
    expect(uploaded).toBeGreaterThan(0);

    events.length = 0;
    expect(await client.setDefaultProfileImage(user.id)).toEqual({ status: 'OK' });
    const reset = (await client.getMe()).last_picture_update ?? 0;
    expect(reset).toBeLessThan(0);
    expect(events.some((e) => e.type === 'user.picture_changed')).toBe(true);
    expect(existsSync(join(th.server.filesDirectory, 'users', user.id, 'profile.png'))).toBe(false);

    const response = await getImage(user.id, client.getToken());
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(String(reset));
    expectColourNear(await pixel(response.bytes, 2, 2), avatarColour(user.id), 0);
  });

  it('gives a renamed user on the default picture a new last_picture_update', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    const renamed = await client.patchMe({ username: `${user.username}x` });
    expect(renamed.last_picture_update ?? 0).toBeLessThan(0);
  });

  it('lets admins change anyone’s picture but not a user someone else’s', async () => {
    const png = await solidImage(32, 32, [1, 2, 3], 'png');
    await expectAppError(th.client.uploadProfileImage(th.basicUser2.id, asFile(png, 'image/png')), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.setDefaultProfileImage(th.basicUser2.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.setDefaultProfileImage(th.systemAdminUser.id), 403, 'api.context.permissions.app_error');
    expect(await th.adminClient.uploadProfileImage(th.basicUser2.id, asFile(png, 'image/png'))).toEqual({ status: 'OK' });
    expect(await th.adminClient.setDefaultProfileImage(th.basicUser2.id)).toEqual({ status: 'OK' });
  });

  it('refuses files that are not images', async () => {
    await expectAppError(
      th.client.uploadProfileImage(th.basicUser.id, asFile(Buffer.from('certainly not a picture'), 'image/png')),
      400,
      'api.user.upload_profile_user.check_image_limits.app_error',
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    await expectAppError(th.client.uploadProfileImage(th.basicUser.id, asFile(svg, 'image/svg+xml')), 400, 'api.user.upload_profile_user.check_image_limits.app_error');
  });

  it('refuses images above MaxImageResolution', async () => {
    await th.withConfig(
      (c) => {
        c.FileSettings.MaxImageResolution = 100;
      },
      async () => {
        await expectAppError(
          th.client.uploadProfileImage(th.basicUser.id, asFile(await solidImage(20, 20, [0, 0, 0], 'png'), 'image/png')),
          400,
          'api.user.upload_profile_user.check_image_limits.app_error',
        );
      },
    );
  });

  it('refuses uploads above MaxFileSize with 413', async () => {
    const noise = await sharp(randomBytes(100 * 100 * 3), { raw: { width: 100, height: 100, channels: 3 } }).png().toBuffer();
    await th.withConfig(
      (c) => {
        c.FileSettings.MaxFileSize = 4096;
      },
      async () => {
        expect(noise.length).toBeGreaterThan(4096);
        // Announced by Content-Length: refused before the body is read.
        await expectAppError(th.client.uploadProfileImage(th.basicUser.id, asFile(noise, 'image/png')), 413, 'api.user.upload_profile_user.too_large.app_error');
        // Chunked, without a length: refused while reading.
        const boundary = 'parleyboundary';
        const multipart = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
          noise,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const response = await fetch(`${th.url}/api/v4/users/${th.basicUser.id}/image`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${th.client.getToken()}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
          body: new Blob([new Uint8Array(multipart)]).stream(),
          duplex: 'half',
        });
        expect(response.status).toBe(413);
        expect(((await response.json()) as { id: string }).id).toBe('api.user.upload_profile_user.too_large.app_error');
      },
    );
  });

  it('wants a multipart body with an "image" file', async () => {
    const token = th.client.getToken();
    const form = new FormData();
    form.append('file', asFile(await solidImage(8, 8, [0, 0, 0], 'png'), 'image/png'), 'a.png');
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/users/${th.basicUser.id}/image`, { token, body: form }), 400, 'api.user.upload_profile_user.no_file.app_error');
    expectErrorBody(
      await rawRequest(th.url, 'POST', `/api/v4/users/${th.basicUser.id}/image`, { token, body: { image: 'x' } }),
      400,
      'api.user.upload_profile_user.parse.app_error',
    );
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/users/not-an-id/image`, { token, body: form }), 400, 'api.context.invalid_url_param.app_error');
  });

  it('needs a session and an existing user', async () => {
    expectErrorBody(await getImage(th.basicUser.id, ''), 401, 'api.context.session_expired.app_error');
    expectErrorBody(await getImage('a'.repeat(26), th.adminClient.getToken()), 404, 'app.user.missing_account.const');
    expectErrorBody(await rawRequest(th.url, 'DELETE', `/api/v4/users/${'a'.repeat(26)}/image`, { token: th.adminClient.getToken() }), 404, 'app.user.missing_account.const');
  });

  it('reports the file store in the server status', async () => {
    const healthy = await rawRequest(th.url, 'GET', '/api/v4/system/ping?get_server_status=true');
    expect(healthy.status).toBe(200);
    expect(healthy.json.filestore_status).toBe('OK');
    // A directory that cannot be created (its parent is a file).
    writeFileSync(join(th.server.filesDirectory, 'plain-file'), 'x');
    await th.withConfig(
      (c) => {
        c.FileSettings.Directory = join(th.server.filesDirectory, 'plain-file', 'files');
      },
      async () => {
        const broken = await rawRequest(th.url, 'GET', '/api/v4/system/ping?get_server_status=true');
        expect(broken.status).toBe(500);
        expect(broken.json).toMatchObject({ status: 'UNHEALTHY', filestore_status: 'UNHEALTHY', database_status: 'OK' });
      },
    );
  });

  it('answers 501 when no file storage is configured', async () => {
    await th.withConfig(
      (c) => {
        c.FileSettings.DriverName = '';
      },
      async () => {
        await expectAppError(th.client.setDefaultProfileImage(th.basicUser.id), 501, 'api.user.upload_profile_user.storage.app_error');
        // Reading still works: the generated picture needs no storage.
        expect((await getImage(th.basicUser2.id, th.client.getToken())).status).toBe(200);
      },
    );
  });
});
