import sharp from 'sharp';

export interface ImageInfo {
  /** sharp's format name: png, jpeg, gif, webp, tiff, svg... */
  format: string;
  width: number;
  height: number;
}

/** Decoding failed: the bytes are not an image this build can read. */
export class ImageDecodeError extends Error {
  constructor(cause: unknown) {
    super(`image decode failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ImageDecodeError';
  }
}

/**
 * Format and size read from the image header only (no pixel decoding), or undefined when the bytes
 * are not an image.
 */
export async function readImageInfo(data: Buffer): Promise<ImageInfo | undefined> {
  try {
    const meta = await sharp(data).metadata();
    if (!meta.format || !meta.width || !meta.height) return undefined;
    return { format: meta.format, width: meta.width, height: meta.height };
  } catch {
    return undefined;
  }
}

/**
 * Mattermost's check before decoding an upload: width × height must not exceed
 * `FileSettings.MaxImageResolution`.
 */
export function withinResolution(info: ImageInfo, maxPixels: number): boolean {
  return info.width * info.height <= maxPixels;
}

/**
 * The image turned upright (EXIF orientation), scaled to cover a `size` × `size` square and cropped
 * around its centre, as PNG: what Mattermost stores as a profile picture.
 * @throws ImageDecodeError when the pixels cannot be decoded
 */
export async function fillSquarePng(data: Buffer, size: number, maxPixels: number): Promise<Buffer> {
  try {
    return await sharp(data, { limitInputPixels: Math.max(1, maxPixels), failOn: 'error' })
      .rotate()
      .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
      .png()
      .toBuffer();
  } catch (error) {
    throw new ImageDecodeError(error);
  }
}

/** Renders an SVG document to PNG. */
export async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg, 'utf8')).png().toBuffer();
}
