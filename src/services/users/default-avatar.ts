import { fnv1a32 } from '../../lib/hash.js';
import { svgToPng } from '../files/images.js';

/** Side of a profile picture in pixels, as Mattermost stores and draws them. */
export const PROFILE_IMAGE_SIZE = 128;

type Rgb = readonly [number, number, number];

// Mattermost's avatar colours, in the order it indexes them: a lead-in of five, then a cycle of
// eight repeated. Keeping the order gives every user the colour Mattermost would give them.
const LEAD_IN: readonly Rgb[] = [
  [197, 8, 126],
  [227, 207, 18],
  [28, 181, 105],
  [35, 188, 224],
  [116, 49, 196],
];
const CYCLE: readonly Rgb[] = [
  [197, 8, 126],
  [197, 19, 19],
  [250, 134, 6],
  [227, 207, 18],
  [123, 201, 71],
  [28, 181, 105],
  [35, 188, 224],
  [116, 49, 196],
];
const PALETTE_SIZE = 26;

/** The background colour of a user's generated avatar, chosen from the user id. */
export function avatarColour(userId: string): Rgb {
  const index = fnv1a32(userId) % PALETTE_SIZE;
  const colour = index < LEAD_IN.length ? LEAD_IN[index] : CYCLE[(index - LEAD_IN.length) % CYCLE.length];
  // Both tables are non-empty and the index is in range; the fallback only satisfies the type checker.
  return colour ?? [197, 8, 126];
}

/** The letter drawn on the avatar: the username's first character, upper-cased. */
export function avatarInitial(username: string): string {
  return (username.charAt(0) || '?').toUpperCase();
}

/**
 * A user's default profile picture: the initial in white on the user's colour, 128 × 128 PNG.
 * The letter is rendered with the system's sans-serif font; without any font installed the
 * picture is the plain coloured square.
 */
export async function renderDefaultAvatar(user: { id: string; username: string }): Promise<Buffer> {
  const [r, g, b] = avatarColour(user.id);
  const size = PROFILE_IMAGE_SIZE;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="rgb(${r},${g},${b})"/>` +
    `<text x="${size / 2}" y="${Math.round(size * 0.68)}" font-family="Nunito, 'DejaVu Sans', Arial, sans-serif" ` +
    `font-weight="bold" font-size="${size / 2}" fill="#ffffff" text-anchor="middle">${escapeXml(avatarInitial(user.username))}</text>` +
    `</svg>`;
  return svgToPng(svg);
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
