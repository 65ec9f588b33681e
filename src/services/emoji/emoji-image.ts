import sharp from 'sharp';
import { AppError } from '../../model/app-error.js';
import { readImageInfo, type ImageInfo } from '../files/images.js';

/** Mattermost's MaxEmojiFileSize: 512 KiB per upload. */
export const MAX_EMOJI_FILE_SIZE = 512 * 1024;
/** Larger images are scaled down to fit this square, keeping their proportions. */
export const MAX_EMOJI_SIDE = 128;
/** Images wider or taller than this are refused rather than scaled. */
export const MAX_EMOJI_ORIGINAL_SIDE = 1028;

// What Mattermost's decoders read for emoji; anything else is not an image to it.
const EMOJI_FORMATS: ReadonlySet<string> = new Set(['png', 'jpeg', 'gif', 'webp']);

/** Where an emoji's image is kept in the file store (Mattermost's layout). */
export function emojiImagePath(emojiId: string): string {
  return `emoji/${emojiId}/image`;
}

/** Where a deleted emoji's image is moved to, as Mattermost keeps it. */
export function deletedEmojiImagePath(emojiId: string): string {
  return `emoji/${emojiId}/image_deleted`;
}

/** Format and size of an image an emoji may use, or undefined. */
export async function readEmojiImageInfo(data: Buffer): Promise<ImageInfo | undefined> {
  const info = await readImageInfo(data);
  return info && EMOJI_FORMATS.has(info.format) ? info : undefined;
}

/**
 * The bytes to store for an uploaded emoji image, as Mattermost prepares them: small images as
 * uploaded; larger ones scaled to fit 128 × 128, GIFs with every frame (still animated), others as
 * PNG.
 * @throws AppError 400 api.emoji.upload.image.app_error (not an image),
 *   api.emoji.upload.large_image.too_large.app_error (over 1028 px), *.decode_error / gif_decode_error
 */
export async function prepareEmojiImage(data: Buffer): Promise<Buffer> {
  const info = await readEmojiImageInfo(data);
  if (!info) throw AppError.badRequest('api.emoji.upload.image.app_error', 'not a PNG, JPEG, GIF or WebP image');
  if (info.width > MAX_EMOJI_ORIGINAL_SIDE || info.height > MAX_EMOJI_ORIGINAL_SIDE) {
    throw AppError.badRequest('api.emoji.upload.large_image.too_large.app_error', `${info.width}x${info.height}`, {
      MaxWidth: MAX_EMOJI_ORIGINAL_SIDE,
      MaxHeight: MAX_EMOJI_ORIGINAL_SIDE,
    });
  }
  if (info.width <= MAX_EMOJI_SIDE && info.height <= MAX_EMOJI_SIDE) return data;
  const isGif = info.format === 'gif';
  try {
    const image = sharp(data, { animated: isGif, failOn: 'error' }).resize(MAX_EMOJI_SIDE, MAX_EMOJI_SIDE, { fit: 'inside', kernel: 'lanczos3' });
    return await (isGif ? image.gif() : image.png()).toBuffer();
  } catch (error) {
    const id = isGif ? 'api.emoji.upload.large_image.gif_decode_error' : 'api.emoji.upload.large_image.decode_error';
    throw new AppError(id, 400, { cause: error, details: error instanceof Error ? error.message : String(error) });
  }
}
