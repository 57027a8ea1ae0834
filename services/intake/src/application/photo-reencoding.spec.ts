import { describe, expect, it } from '@jest/globals';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { declaredPng, gpsTaggedJpeg, pixel } from '../../test/photo-fixtures.js';
import { carriesMetadata, PHOTO_MAX_SIDE, reencodePhoto } from './photo-reencoding.js';

const reencoded = async (bytes: Buffer) => {
  const out = await reencodePhoto(bytes);
  if (!out.ok) throw new Error(`refused: ${out.reason}`);
  return out;
};

describe('re-encoding an uploaded photograph', () => {
  it('keeps the pixels, upright, and nothing else: no EXIF (GPS), XMP, IPTC or ICC profile', async () => {
    const upload = await gpsTaggedJpeg();
    const before = await sharp(upload).metadata();
    expect(exifReader(before.exif!).GPSInfo).toMatchObject({ GPSLatitudeRef: 'N', GPSLatitude: [51, 30, 26] });
    expect([before.orientation, before.xmp === undefined]).toEqual([6, false]);

    const out = await reencoded(upload);
    const after = await sharp(out.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect({ exif: after.exif, xmp: after.xmp, iptc: after.iptc, icc: after.icc, orientation: after.orientation })
      .toEqual({ exif: undefined, xmp: undefined, iptc: undefined, icc: undefined, orientation: undefined });
    expect(out.bytes.includes(Buffer.from('Exif\0'))).toBe(false);
    expect(out.bytes.includes(Buffer.from('FixturePhone'))).toBe(false);
    // Orientation 6 applied: 40×20 stored becomes 20×40 shown, and the red left half is now on top.
    expect([out.width, out.height, after.width, after.height]).toEqual([20, 40, 20, 40]);
    const [top, bottom] = [await pixel(out.bytes, 10, 5), await pixel(out.bytes, 10, 35)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('turns a PNG with transparency into a JPEG on white', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const out = await reencoded(png);
    expect([out.type, (await sharp(out.bytes).metadata()).format]).toEqual(['image/jpeg', 'jpeg']);
    expect((await pixel(out.bytes, 4, 4)).every((c) => c > 240)).toBe(true);
  });

  it(`scales a large photograph down to ${PHOTO_MAX_SIDE} px on its longest side, and never scales a small one up`, async () => {
    const wide = await sharp({ create: { width: 4096, height: 1024, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    expect(await reencoded(wide)).toMatchObject({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE / 4 });
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080' } }).webp().toBuffer();
    expect(await reencoded(small)).toMatchObject({ width: 300, height: 200 });
  });

  it('refuses what is not a photograph: text, a document, SVG, GIF, a truncated JPEG, a decompression bomb', async () => {
    const jpeg = await gpsTaggedJpeg();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('hello, this is not an image'), /not a readable image/],
      [Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), /not a readable image/],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), /not a readable image/],
      [svg, /not a JPEG, PNG or WebP image/],
      [gif, /not a JPEG, PNG or WebP image/],
      [jpeg.subarray(0, jpeg.length - 40), /not a readable image/],
      [declaredPng(10_000, 10_000), /more than 50 megapixels/],
    ];
    for (const [bytes, reason] of cases) {
      const out = await reencodePhoto(bytes);
      expect(out.ok).toBe(false);
      expect(out.ok ? '' : out.reason).toMatch(reason);
    }
  });
});

describe('a stored photograph that still carries metadata', () => {
  it('is told apart from one already re-encoded', async () => {
    const upload = await gpsTaggedJpeg();
    expect(await carriesMetadata(upload)).toBe(true);
    expect(await carriesMetadata((await reencoded(upload)).bytes)).toBe(false);
    expect(await carriesMetadata(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer())).toBe(true);
  });
});
