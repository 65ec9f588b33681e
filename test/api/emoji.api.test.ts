import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomEmoji } from '@mattermost/types/emojis';
import type { Client4 } from '@mattermost/client';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest, type RawResponse } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

const INVALID_BODY = 'api.context.invalid_body_param.app_error';
const FORBIDDEN = 'api.context.permissions.app_error';

async function png(width: number, height: number, colour = '#3080c0'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();
}

/** An animated GIF of two frames (red, then blue). */
async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frame = (colour: string) => sharp({ create: { width, height, channels: 3, background: colour } }).raw().toBuffer();
  const frames = Buffer.concat([await frame('#ff0000'), await frame('#0000ff')]);
  return sharp(frames, { raw: { width, height: height * 2, channels: 3, pageHeight: height } }).gif({ loop: 0, delay: [100, 100] }).toBuffer();
}

function asFile(data: Buffer, name: string, type: string): File {
  return new File([new Uint8Array(data)], name, { type });
}

describe('custom emoji', () => {
  let th: TestHelper;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    th.server.app.services.bus.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await th.tearDown();
  });

  /** Creates an emoji with the client's user as creator. */
  async function create(client: Client4, creatorId: string, name = uniqueName('emo'), file?: File): Promise<CustomEmoji> {
    return client.createCustomEmoji({ name, creator_id: creatorId }, file ?? asFile(await png(32, 32), 'e.png', 'image/png'));
  }

  const image = (emojiId: string, token = th.client.getToken()): Promise<RawResponse> =>
    rawRequest(th.url, 'GET', `/api/v4/emoji/${emojiId}/image`, { token });

  /** A raw multipart POST /emoji with the parts given. */
  function postForm(parts: Array<[string, string | Blob, string?]>, token = th.client.getToken()): Promise<RawResponse> {
    const form = new FormData();
    for (const [name, value, filename] of parts) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, value, filename ?? 'file');
    }
    return rawRequest(th.url, 'POST', '/api/v4/emoji', { token, body: form });
  }

  it('creates an emoji, finds it by id and name, and serves its image as uploaded', async () => {
    const data = await png(40, 30);
    events.length = 0;
    const emoji = await th.client.createCustomEmoji({ name: 'party_parrot', creator_id: th.basicUser.id }, asFile(data, 'parrot.png', 'image/png'));
    expect(emoji).toEqual({ id: expect.any(String), create_at: expect.any(Number), update_at: emoji.create_at, delete_at: 0, creator_id: th.basicUser.id, name: 'party_parrot' });
    expect(Object.keys(emoji)).toEqual(['id', 'create_at', 'update_at', 'delete_at', 'creator_id', 'name']);
    expect(events.filter((e) => e.type === 'emoji.added')).toEqual([{ type: 'emoji.added', payload: { emoji } }]);

    expect(await th.client2.getCustomEmoji(emoji.id)).toEqual(emoji);
    expect(await th.client2.getCustomEmojiByName('party_parrot')).toEqual(emoji);
    expect(existsSync(join(th.server.filesDirectory, 'emoji', emoji.id, 'image'))).toBe(true);

    const url = th.client2.getCustomEmojiImageUrl(emoji.id);
    const response = await rawRequest(th.url, 'GET', url.slice(th.url.length), { token: th.client2.getToken() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('max-age=2592000, private');
    expect(response.bytes.equals(data)).toBe(true);
  });

  it('scales large images to fit 128 px: still images as PNG, GIFs still animated', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#20a040' } }).jpeg().toBuffer();
    const fromJpeg = await create(th.client, th.basicUser.id, uniqueName('big'), asFile(jpeg, 'big.jpg', 'image/jpeg'));
    const still = await image(fromJpeg.id);
    expect(still.headers.get('content-type')).toBe('image/png');
    const stillMeta = await sharp(still.bytes).metadata();
    expect([stillMeta.format, stillMeta.width, stillMeta.height]).toEqual(['png', 128, 85]);

    const fromGif = await create(th.client, th.basicUser.id, uniqueName('anim'), asFile(await animatedGif(200, 400), 'anim.gif', 'image/gif'));
    const animated = await image(fromGif.id);
    expect(animated.headers.get('content-type')).toBe('image/gif');
    const gifMeta = await sharp(animated.bytes).metadata();
    expect([gifMeta.format, gifMeta.width, gifMeta.height, gifMeta.pages]).toEqual(['gif', 64, 128, 2]);

    const small = await create(th.client, th.basicUser.id, uniqueName('smallgif'), asFile(await animatedGif(16, 16), 'small.gif', 'image/gif'));
    expect((await image(small.id)).headers.get('content-type')).toBe('image/gif');
  });

  it('lists emoji in pages, oldest first or by name', async () => {
    const prefix = uniqueName('list').replace(/\d/g, '');
    const created: CustomEmoji[] = [];
    for (const suffix of ['c', 'a', 'b']) created.push(await create(th.client, th.basicUser.id, `${prefix}_${suffix}`));
    const all = await th.client.getCustomEmojis(0, 200);
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining(created.map((e) => e.id)));
    const mine = (list: CustomEmoji[]) => list.filter((e) => e.name.startsWith(prefix)).map((e) => e.name);
    expect(mine(all)).toEqual([`${prefix}_c`, `${prefix}_a`, `${prefix}_b`]);
    const byName = await th.client.getCustomEmojis(0, 200, 'name');
    expect(mine(byName)).toEqual([`${prefix}_a`, `${prefix}_b`, `${prefix}_c`]);
    expect(byName.map((e) => e.name)).toEqual([...byName.map((e) => e.name)].sort());
    expect(await th.client.getCustomEmojis(1, 2, 'name')).toEqual(byName.slice(2, 4));
    await expectAppError(th.client.getCustomEmojis(0, 10, 'create_at'), 400, 'api.context.invalid_url_param.app_error');
  });

  it('searches, autocompletes and looks up several names at once', async () => {
    const stem = uniqueName('srch').replace(/\d/g, '');
    const first = await create(th.client, th.basicUser.id, `${stem}_one`);
    const second = await create(th.client2, th.basicUser2.id, `x${stem}_two`);
    expect(await th.client.searchCustomEmoji(stem)).toEqual([first, second]);
    expect(await th.client.searchCustomEmoji(stem, { prefix_only: true })).toEqual([first]);
    expect(await th.client.searchCustomEmoji(stem.toUpperCase(), { prefix_only: true })).toEqual([first]);
    expect(await th.client.autocompleteCustomEmoji(stem)).toEqual([first]);
    expect(await th.client.autocompleteCustomEmoji(`x${stem}`)).toEqual([second]);
    expect(await th.client.searchCustomEmoji('%')).toEqual([]);
    await expectAppError(th.client.searchCustomEmoji(''), 400, INVALID_BODY);
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/emoji/search', { token: th.client.getToken(), body: { term: 5 } }), 400, INVALID_BODY);
    await expectAppError(th.client.autocompleteCustomEmoji(''), 400, 'api.context.invalid_url_param.app_error');

    expect(await th.client.getCustomEmojisByNames([`x${stem}_two`, 'smile', `${stem}_one`, `${stem}_one`, 'nothing'])).toEqual([first, second]);
    await expectAppError(th.client.getCustomEmojisByNames([]), 400, INVALID_BODY);
    await expectAppError(th.client.getCustomEmojisByNames(Array.from({ length: 201 }, (_, i) => `n${i}`)), 400, 'api.emoji.get_multiple_by_name_too_many.request_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/emoji/names', { token: th.client.getToken(), body: [1, 2] }), 400, 'api.payload.parse.error');
  });

  it('answers 404 for unknown emoji and 400 for malformed ids and names', async () => {
    await expectAppError(th.client.getCustomEmoji('a'.repeat(26)), 404, 'app.emoji.get.no_result');
    await expectAppError(th.client.getCustomEmojiByName('no_such_emoji'), 404, 'app.emoji.get_by_name.no_result');
    expectErrorBody(await image('a'.repeat(26)), 404, 'app.emoji.get.no_result');
    await expectAppError(th.client.deleteCustomEmoji('a'.repeat(26)), 404, 'app.emoji.get.no_result');
    await expectAppError(th.client.getCustomEmoji('not-an-id'), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await image('not-an-id'), 400, 'api.context.invalid_url_param.app_error');
    await expectAppError(th.client.getCustomEmojiByName('has.dot'), 400, 'api.context.invalid_url_param.app_error');
    await expectAppError(th.client.getCustomEmojiByName('n'.repeat(65)), 400, 'api.context.invalid_url_param.app_error');
  });

  it('deletes one’s own emoji, and others’ only with delete_others_emojis', async () => {
    const mine = await create(th.client, th.basicUser.id);
    const theirs = await create(th.client2, th.basicUser2.id);
    await expectAppError(th.client.deleteCustomEmoji(theirs.id), 403, FORBIDDEN);
    events.length = 0;
    expect(await th.client.deleteCustomEmoji(mine.id)).toEqual({ status: 'OK' });
    expect(events.map((e) => e.type)).toEqual(['emoji.deleted']);
    await expectAppError(th.client.getCustomEmoji(mine.id), 404, 'app.emoji.get.no_result');
    expectErrorBody(await image(mine.id), 404, 'app.emoji.get.no_result');
    expect(existsSync(join(th.server.filesDirectory, 'emoji', mine.id, 'image_deleted'))).toBe(true);
    expect(existsSync(join(th.server.filesDirectory, 'emoji', mine.id, 'image'))).toBe(false);
    await expectAppError(th.client.deleteCustomEmoji(mine.id), 404, 'app.emoji.get.no_result');

    // The name is free again.
    const again = await create(th.client, th.basicUser.id, mine.name);
    expect(again.id).not.toBe(mine.id);

    expect(await th.adminClient.deleteCustomEmoji(theirs.id)).toEqual({ status: 'OK' });
  });

  it('needs create_emojis and delete_emojis, in the system scope or any team of the caller', async () => {
    const own = await create(th.client, th.basicUser.id);
    await th.changeRolePermissions('system_user', { remove: ['create_emojis', 'delete_emojis'] });
    try {
      await expectAppError(create(th.client, th.basicUser.id), 403, FORBIDDEN);
      await expectAppError(th.client.deleteCustomEmoji(own.id), 403, FORBIDDEN);

      // A team role may grant them: team_user has them in this test.
      const team = await th.createBasicTeam();
      await th.changeRolePermissions('team_user', { add: ['create_emojis', 'delete_emojis'] });
      try {
        const created = await create(th.client, th.basicUser.id);
        expect(await th.client.deleteCustomEmoji(created.id)).toEqual({ status: 'OK' });
        await th.adminClient.removeFromTeam(team.id, th.basicUser.id);
        await expectAppError(create(th.client, th.basicUser.id), 403, FORBIDDEN);
      } finally {
        await th.changeRolePermissions('team_user', { remove: ['create_emojis', 'delete_emojis'] });
      }
    } finally {
      await th.changeRolePermissions('system_user', { add: ['create_emojis', 'delete_emojis'] });
    }
  });

  it('refuses bad names, system emoji names, duplicates and other creators', async () => {
    const file = asFile(await png(16, 16), 'e.png', 'image/png');
    for (const name of ['', 'has space', 'dot.ted', 'ü', 'n'.repeat(65)]) {
      await expectAppError(th.client.createCustomEmoji({ name, creator_id: th.basicUser.id }, file), 400, 'model.emoji.name.app_error');
    }
    for (const name of ['smile', '+1', 'thumbsup_dark_skin_tone', 'rofl', 'mattermost', 'flag-fr']) {
      await expectAppError(th.client.createCustomEmoji({ name, creator_id: th.basicUser.id }, file), 400, 'model.emoji.system_emoji_name.app_error');
    }
    const taken = await create(th.client, th.basicUser.id, `${uniqueName('dup')}-x+y`);
    await expectAppError(create(th.client2, th.basicUser2.id, taken.name), 400, 'api.emoji.create.duplicate.app_error');
    await expectAppError(create(th.client, th.basicUser2.id), 403, 'api.emoji.create.other_user.app_error');
    await expectAppError(th.client.createCustomEmoji({ name: uniqueName('cr'), creator_id: 'c'.repeat(27) }, file), 400, 'model.emoji.user_id.app_error');
  });

  it('refuses files that are too large, not images, or too big to scale', async () => {
    const name = () => JSON.stringify({ name: uniqueName('img'), creator_id: th.basicUser.id });
    const noise = await sharp(Buffer.from(Array.from({ length: 500 * 500 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 500, height: 500, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(noise.length).toBeGreaterThan(512 * 1024);
    expectErrorBody(await postForm([['emoji', name()], ['image', new Blob([new Uint8Array(noise)]), 'noise.png']]), 413, 'api.emoji.create.too_large.app_error');
    // Sent in chunks, without a declared length: refused while it streams in.
    const form = Buffer.concat([
      Buffer.from(`--b\r\nContent-Disposition: form-data; name="emoji"\r\n\r\n${name()}\r\n--b\r\nContent-Disposition: form-data; name="image"; filename="n.png"\r\n\r\n`),
      noise,
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const chunked = await fetch(`${th.url}/api/v4/emoji`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${th.client.getToken()}`, 'Content-Type': 'multipart/form-data; boundary=b' },
      body: new Blob([new Uint8Array(form)]).stream(),
      duplex: 'half',
    });
    expect({ status: chunked.status, id: ((await chunked.json()) as { id: string }).id }).toEqual({ status: 413, id: 'api.emoji.create.too_large.app_error' });

    expectErrorBody(await postForm([['emoji', name()], ['image', new Blob(['not an image']), 'x.png']]), 400, 'api.emoji.upload.image.app_error');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    expectErrorBody(await postForm([['emoji', name()], ['image', new Blob([svg]), 'x.svg']]), 400, 'api.emoji.upload.image.app_error');
    const huge = await sharp({ create: { width: 1029, height: 10, channels: 3, background: '#000' } }).png().toBuffer();
    expectErrorBody(await postForm([['emoji', name()], ['image', new Blob([new Uint8Array(huge)]), 'wide.png']]), 400, 'api.emoji.upload.large_image.too_large.app_error');
  });

  it('refuses forms without their parts', async () => {
    const emoji = JSON.stringify({ name: uniqueName('part'), creator_id: th.basicUser.id });
    const image = new Blob([new Uint8Array(await png(8, 8))]);
    expectErrorBody(await postForm([['image', image, 'e.png']]), 400, INVALID_BODY);
    expectErrorBody(await postForm([['emoji', '{"name": 5}'], ['image', image, 'e.png']]), 400, INVALID_BODY);
    expectErrorBody(await postForm([['emoji', 'not json'], ['image', image, 'e.png']]), 400, INVALID_BODY);
    expectErrorBody(await postForm([['emoji', emoji]]), 400, INVALID_BODY);
    expectErrorBody(await postForm([['emoji', emoji], ['image', 'not a file']]), 400, INVALID_BODY);
    const json = await rawRequest(th.url, 'POST', '/api/v4/emoji', { token: th.client.getToken(), body: { emoji } });
    expectErrorBody(json, 400, 'api.emoji.create.parse.app_error');
    const broken = await rawRequest(th.url, 'POST', '/api/v4/emoji', { token: th.client.getToken(), body: 'garbage', headers: { 'Content-Type': 'multipart/form-data' } });
    expectErrorBody(broken, 400, 'api.emoji.create.parse.app_error');
  });

  it('answers as Mattermost when EnableCustomEmoji is off: 501 at the API, 403 from deeper checks', async () => {
    const existing = await create(th.client, th.basicUser.id);
    await th.withConfig(
      (c) => {
        c.ServiceSettings.EnableCustomEmoji = false;
      },
      async () => {
        const disabled = 'api.emoji.disabled.app_error';
        await expectAppError(create(th.client, th.basicUser.id), 501, disabled);
        await expectAppError(th.client.getCustomEmojis(), 501, disabled);
        await expectAppError(th.client.getCustomEmoji(existing.id), 501, disabled);
        await expectAppError(th.client.getCustomEmojiByName(existing.name), 501, disabled);
        await expectAppError(th.client.getCustomEmojisByNames([existing.name]), 501, disabled);
        expectErrorBody(await image(existing.id), 501, disabled);
        await expectAppError(th.client.searchCustomEmoji('x'), 403, disabled);
        await expectAppError(th.client.autocompleteCustomEmoji('x'), 403, disabled);
        await expectAppError(th.client.deleteCustomEmoji(existing.id), 403, disabled);
      },
    );
    expect(await th.client.getCustomEmoji(existing.id)).toEqual(existing);
  });

  it('needs file storage to create or read emoji', async () => {
    const existing = await create(th.client, th.basicUser.id);
    await th.withConfig(
      (c) => {
        c.FileSettings.DriverName = '';
      },
      async () => {
        await expectAppError(create(th.client, th.basicUser.id), 403, 'api.emoji.storage.app_error');
        await expectAppError(th.client.getCustomEmoji(existing.id), 403, 'api.emoji.storage.app_error');
        await expectAppError(th.client.getCustomEmojiByName(existing.name), 403, 'api.emoji.storage.app_error');
        expectErrorBody(await image(existing.id), 404, 'api.emoji.get_image.read.app_error');
      },
    );
  });

  it('tells reactions which emoji exist', async () => {
    const emoji = th.server.app.services.emoji;
    const custom = await create(th.client, th.basicUser.id);
    await expect(emoji.confirmEmojiExists('smile')).resolves.toBeUndefined();
    await expect(emoji.confirmEmojiExists(custom.name)).resolves.toBeUndefined();
    await expect(emoji.confirmEmojiExists('no_such_emoji')).rejects.toMatchObject({ id: 'app.emoji.get_by_name.no_result', statusCode: 404 });
    await expect(emoji.confirmEmojiExists('bad name')).rejects.toMatchObject({ id: 'model.emoji.name.app_error', statusCode: 400 });
  });
});
