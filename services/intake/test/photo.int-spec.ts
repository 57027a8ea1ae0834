/**
 * A photograph uploaded for a police appeal keeps nothing but its pixels: the GPS position a phone writes into it could
 * give away where a trafficked child is placed. Through the HTTP route, on real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import exifReader from 'exif-reader';
import type pg from 'pg';
import sharp from 'sharp';
import { eventually, TestBed, type ServiceProcess } from '@safeguard/testing';
import { OAK_HOUSE } from '../src/demo-data.js';
import { startSeededIntake } from './harness.js';
import { gpsTaggedJpeg } from './photo-fixtures.js';

const AMINA = '5e0c1a1e-0000-4000-8000-000000000001'; // demo child at Oak House, with a pack

describe('photographs on upload: re-encoded, without metadata', () => {
  let bed: TestBed;
  let intake: ServiceProcess;
  let db: pg.Client;
  const carer = () => bed.token('intake', { sub: 'care-oak-1', role: 'care-staff', scope: { kind: 'home', id: OAK_HOUSE } });
  const put = async (body: Buffer, type = 'image/jpeg') => {
    const res = await fetch(`${intake.url}/api/v1/children/${AMINA}/information-pack/photo`, {
      method: 'PUT', body, headers: { authorization: `Bearer ${await carer()}`, 'content-type': type, 'photo-taken-on': '2026-11-01' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async (): Promise<{ photo: Buffer | null; photo_type: string | null; writes: number }> =>
    (await db.query(`SELECT photo, photo_type, (SELECT count(*)::int FROM audit_log WHERE action = 'photo.write') AS writes
                       FROM information_pack WHERE child_id = $1`, [AMINA])).rows[0];

  beforeAll(async () => {
    bed = await TestBed.open('photo');
    intake = await startSeededIntake(bed);
    db = await bed.client('intake');
  });

  afterAll(async () => {
    await intake?.stop();
    await bed?.close();
  });

  it('stores and serves a GPS-tagged JPEG with no EXIF at all, upright', async () => {
    const upload = await gpsTaggedJpeg();
    const sent = await sharp(upload).metadata();
    expect(exifReader(sent.exif!).GPSInfo).toMatchObject({ GPSLatitudeRef: 'N', GPSLatitude: [51, 30, 26], GPSLongitudeRef: 'W' });

    const res = await put(upload);
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ childId: AMINA, photoType: 'image/jpeg', width: 20, height: 40 }) });

    const { photo, photo_type: type } = await stored();
    const kept = await sharp(photo!).metadata();
    expect([type, kept.format, kept.width, kept.height]).toEqual(['image/jpeg', 'jpeg', 20, 40]);
    expect({ exif: kept.exif, xmp: kept.xmp, iptc: kept.iptc, icc: kept.icc }).toEqual({ exif: undefined, xmp: undefined, iptc: undefined, icc: undefined });
    expect(photo!.includes(Buffer.from('Exif\0'))).toBe(false);
    expect(photo!.includes(Buffer.from('FixturePhone'))).toBe(false);

    const served = await fetch(`${intake.url}/api/v1/children/${AMINA}/information-pack/photo`, { headers: { authorization: `Bearer ${await carer()}` } });
    expect([served.status, served.headers.get('content-type'), served.headers.get('cache-control')]).toEqual([200, 'image/jpeg', 'no-store']);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals(photo!)).toBe(true);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
  });

  it('refuses what is not an image with 400 naming the body, and keeps the photograph it had', async () => {
    const before = await stored();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>');
    const cases: [string, Buffer, string][] = [
      ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), 'application/pdf'],
      ['JPEG magic bytes and nothing else', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), 'image/jpeg'],
      ['an SVG calling itself a JPEG', svg, 'image/jpeg'],
      ['a truncated JPEG', (await gpsTaggedJpeg()).subarray(0, 400), 'image/jpeg'],
    ];
    for (const [name, body, type] of cases) {
      const res = await put(body, type);
      expect({ name, status: res.status, params: res.body['invalid-params'] })
        .toEqual({ name, status: 400, params: [{ name: 'body', reason: expect.stringMatching(/^not a /) }] });
    }
    const after = await stored();
    expect(after.photo!.equals(before.photo!)).toBe(true);
    expect(after.writes).toBe(before.writes);
  });

  it('re-encodes, once, a photograph the previous release stored with its GPS position', async () => {
    await intake.stop();
    // As the previous release left it: the upload's own bytes, and no record of the clean-up having run.
    const upload = await gpsTaggedJpeg();
    await db.query(`UPDATE information_pack SET photo = $2, photo_type = 'image/jpeg', updated_by = 'previous-release' WHERE child_id = $1`, [AMINA, upload]);
    await db.query(`DELETE FROM one_off_job WHERE name = 'photos-reencoded'`);
    await intake.start();
    await eventually(async () => expect((await db.query(`SELECT items FROM one_off_job WHERE name = 'photos-reencoded'`)).rows).toEqual([{ items: 1 }]));
    const { photo } = await stored();
    const kept = await sharp(photo!).metadata();
    expect([kept.exif, kept.xmp, kept.width, kept.height]).toEqual([undefined, undefined, 20, 40]);
    expect((await db.query('SELECT updated_by FROM information_pack WHERE child_id = $1', [AMINA])).rows).toEqual([{ updated_by: 'previous-release' }]);
  });
});
