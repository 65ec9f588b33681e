import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../lib/hash.js';
import { avatarColour, avatarInitial, renderDefaultAvatar } from './default-avatar.js';

describe('default avatar', () => {
  it('hashes with 32-bit FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('picks the colour from the user id, as Mattermost indexes its palette', () => {
    const cases: Array<[string, number, [number, number, number]]> = [
      ['user33', 2, [28, 181, 105]],
      ['user37', 6, [197, 19, 19]],
      ['user21', 13, [197, 8, 126]],
      ['user3', 21, [197, 8, 126]],
      ['user7', 25, [123, 201, 71]],
    ];
    for (const [id, index, colour] of cases) {
      expect(fnv1a32(id) % 26, id).toBe(index);
      expect(avatarColour(id), id).toEqual(colour);
    }
  });

  it('draws the upper-cased first letter', () => {
    expect(avatarInitial('zoe')).toBe('Z');
    expect(avatarInitial('9lives')).toBe('9');
  });

  it('renders a 128 px PNG on the colour', async () => {
    const png = await renderDefaultAvatar({ id: 'user33', username: 'alice' });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([128, 128]);
    expect([data[0], data[1], data[2]]).toEqual([28, 181, 105]);
  });
});
