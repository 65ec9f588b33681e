import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHelper } from '../helpers/test-helper.js';
import { connectedSocket, drain, type TestSocket } from '../helpers/websocket.js';

describe('emoji events', () => {
  let th: TestHelper;
  let sockets: TestSocket[];

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    sockets = await Promise.all([th.adminClient, th.client, th.client2].map((c) => connectedSocket(th, c.getToken())));
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await th.tearDown();
  });

  it('sends emoji_added to everyone with the emoji as a JSON string, and nothing on deletion', async () => {
    await drain(th, sockets);
    const marks = sockets.map((s) => s.messages.length);
    const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    const emoji = await th.client.createCustomEmoji({ name: 'wave_hello', creator_id: th.basicUser.id }, new File([new Uint8Array(image)], 'w.png', { type: 'image/png' }));
    await th.client.deleteCustomEmoji(emoji.id);
    await drain(th, sockets);
    sockets.forEach((socket, i) => {
      const events = socket.messages.slice(marks[i]).filter((m) => m.event !== 'test_marker');
      expect(events.map((m) => m.event)).toEqual(['emoji_added']);
      expect(events[0]?.broadcast).toMatchObject({ user_id: '', channel_id: '', team_id: '' });
      expect(JSON.parse(String(events[0]?.data.emoji))).toEqual(emoji);
    });
  });
});
