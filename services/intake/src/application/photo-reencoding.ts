import sharp from 'sharp';

/** The longest side kept: ample for a face in a police appeal, small enough to send by email. */
export const PHOTO_MAX_SIDE = 2048;
/** Refused before decoding: a small file can declare a huge image (a decompression bomb). */
export const PHOTO_MAX_PIXELS = 50_000_000;
const READABLE = ['jpeg', 'png', 'webp'];

export type ReencodedPhoto =
  | { ok: true; bytes: Buffer; type: 'image/jpeg'; width: number; height: number }
  | { ok: false; reason: string };

/**
 * The photograph as it is kept and served: its pixels decoded and encoded afresh as a JPEG, so nothing else of the
 * uploaded file survives: no EXIF (GPS position, camera, time taken), XMP, IPTC, ICC profile, comment or trailing
 * bytes. A phone's GPS tag can give away the placement's address. sharp writes no metadata unless asked to
 * (keepExif/withMetadata are never called). The camera's orientation is applied first, so the picture stays upright
 * once its Orientation tag is gone; transparency is flattened onto white.
 */
export async function reencodePhoto(bytes: Buffer): Promise<ReencodedPhoto> {
  try {
    const image = sharp(bytes, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'warning' });
    const { format } = await image.metadata();
    if (!format || !READABLE.includes(format)) return { ok: false, reason: 'not a JPEG, PNG or WebP image' };
    const { data, info } = await image
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, type: 'image/jpeg', width: info.width, height: info.height };
  } catch (error) {
    // sharp's message names the decoder's complaint, never the image's content.
    const tooLarge = /pixel limit/i.test((error as Error).message);
    return { ok: false, reason: tooLarge ? `more than ${PHOTO_MAX_PIXELS / 1_000_000} megapixels` : 'not a readable image' };
  }
}

/** Whether a stored photograph still carries anything but pixels (one kept before uploads were re-encoded). */
export async function carriesMetadata(bytes: Buffer): Promise<boolean> {
  const m = await sharp(bytes).metadata();
  return m.format !== 'jpeg' || [m.exif, m.xmp, m.iptc, m.icc, m.comments].some((x) => x !== undefined);
}
