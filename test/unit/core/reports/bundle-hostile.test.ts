// Zip bombs whose directory lies (issue 11, point 3): an entry that declares 1 KB and inflates to
// a gigabyte, a stored entry holding more than it declares (so the declared total lies), entries
// sharing their bytes, an entry inflating to less, and damaged data. Each is refused with its own
// code, and the work done stays within one inflate step of the declared size (counted, not timed:
// the times are in test/bench/hostile-files.bench.ts).
import { describe, expect, it } from 'vitest';
import {
  attachmentPath,
  decodeBundle,
  encodeBundle,
  type DecodedBundle,
} from '../../../../core/reports';
import { INFLATE_STEP_BYTES, inflateCapped } from '../../../../core/reports/capped-inflate';
import { allEvidence, countersigned, evidenceBody, speedTest } from './fixtures';
import {
  craftZip,
  deflateBomb,
  deflateRaw,
  entriesOf,
  junk,
  type CraftedEntry,
} from './hostile-files';

const GB = 1024 * 1024 * 1024;
const speedEntry = attachmentPath(speedTest.ref.sha256);

async function honestEntries(): Promise<CraftedEntry[]> {
  return entriesOf(encodeBundle(await countersigned(evidenceBody()), allEvidence));
}

/** The honest bundle's entries with `name` replaced. */
async function withEntry(name: string, replace: (entry: CraftedEntry) => CraftedEntry) {
  const entries = await honestEntries();
  expect(entries.map((e) => e.name)).toContain(name);
  return craftZip(entries.map((entry) => (entry.name === name ? replace(entry) : entry)));
}

function codes(decoded: DecodedBundle): string[] {
  return decoded.problems.map((p) => p.code);
}

describe('inflateCapped', () => {
  it('stops within one step of the cap, however far the stream goes on', () => {
    const bomb = deflateBomb(GB);
    expect(bomb.length).toBeLessThan(1_100_000);
    const result = inflateCapped(bomb, 1024, 'raw');
    expect(result).toMatchObject({ ok: false, reason: 'over-cap' });
    // One step of 4 KB inflates to at most ~1,032 times that: the work done is bounded by the
    // cap plus one step, not by the gigabyte the stream would give.
    const produced = result.ok ? 0 : result.produced;
    expect(produced).toBeGreaterThan(1024);
    expect(produced).toBeLessThanOrEqual(1024 + 1032 * INFLATE_STEP_BYTES + 32 * 1024);
  });

  it('gives back honest data byte for byte, and calls an invalid stream damaged', () => {
    const data = new TextEncoder().encode('Download 480 Mbit/s, upload 120 Mbit/s\n'.repeat(5_000));
    const inflated = inflateCapped(deflateRaw(data), data.length, 'raw');
    expect(inflated.ok && inflated.bytes).toEqual(data);
    // A block of the reserved type 3. (A stream merely cut short ends without an error in
    // fflate's streaming inflater: the zip reader then sees fewer bytes than declared.)
    expect(inflateCapped(Uint8Array.of(0x07, 0, 0), 100, 'raw')).toMatchObject({
      ok: false,
      reason: 'damaged',
    });
  });
});

describe('decodeBundle refuses a directory that lies', () => {
  it('an entry declaring 2 KB that inflates to a gigabyte, reading no further', async () => {
    const bomb = await withEntry(speedEntry, (entry) => ({ ...entry, data: deflateBomb(GB) }));
    const decoded = decodeBundle(bomb);
    expect(decoded.ok).toBe(false);
    expect(decoded.problems).toEqual([
      {
        code: 'entry-size-mismatch',
        path: speedEntry,
        message: `The bundle's ${speedEntry} declares ${speedTest.ref.size} bytes but inflates to more: refused after reading no further (a zip bomb, or a damaged bundle).`,
      },
    ]);
    // The report itself was read before the bomb, so its signatures can still be shown.
    expect(decoded.ok ? undefined : decoded.signed).toBeDefined();
  });

  it('report.json declaring its true size with a bomb behind it', async () => {
    const bomb = await withEntry('report.json', (entry) => ({
      ...entry,
      data: deflateBomb(GB),
    }));
    expect(codes(decodeBundle(bomb))).toEqual(['entry-size-mismatch']);
  });

  it('a stored entry holding more than it declares, so the declared total lies', async () => {
    const big = junk(3 * 1024 * 1024);
    const lying = await withEntry(speedEntry, (entry) => ({
      ...entry,
      method: 0,
      data: big,
      declaredSize: speedTest.ref.size,
    }));
    const decoded = decodeBundle(lying, { maxTotalBytes: 1024 * 1024, maxEntries: 100 });
    expect(decoded.problems).toEqual([
      {
        code: 'entry-size-mismatch',
        path: speedEntry,
        message: `The bundle's ${speedEntry} holds ${big.length} bytes but declares ${speedTest.ref.size}: refused (a zip bomb, or a damaged bundle).`,
      },
    ]);
  });

  it('entries that share their bytes (one stream listed a thousand times)', async () => {
    const entries = await honestEntries();
    const shared = entries.length;
    const zeros = new Uint8Array(400 * 1024);
    entries.push({
      name: 'padding',
      data: deflateRaw(zeros),
      method: 8,
      declaredSize: zeros.length,
    });
    for (let i = 0; i < 1000; i++) {
      entries.push({ name: `copy-${i}`, data: new Uint8Array(), method: 8, sameDataAs: shared });
    }
    const decoded = decodeBundle(craftZip(entries));
    expect(codes(decoded)).toEqual(['overlapping-entries']);
    expect(decoded.problems[0]?.message).toBe(
      "The bundle's entries padding and copy-0 share the same bytes: refused (a zip bomb, or not a report bundle).",
    );
  });

  it('an entry inflating to fewer bytes than it declares, and damaged compressed data', async () => {
    const short = await withEntry(speedEntry, (entry) => ({
      ...entry,
      declaredSize: speedTest.ref.size + 10,
    }));
    // The directory's size no longer matches the report's: told without inflating.
    expect(codes(decodeBundle(short))).toEqual(['attachment-mismatch']);
    const shortReport = await withEntry('report.json', (entry) => ({
      ...entry,
      declaredSize: (entry.declaredSize ?? 0) + 10,
    }));
    const decoded = decodeBundle(shortReport);
    expect(decoded.problems).toEqual([
      expect.objectContaining({
        code: 'entry-size-mismatch',
        message: expect.stringMatching(/report\.json declares \d+ bytes but inflates to fewer/),
      }),
    ]);
    const damaged = await withEntry('report.json', (entry) => ({
      ...entry,
      data: entry.data.subarray(0, 40),
    }));
    expect(decodeBundle(damaged).problems).toEqual([
      {
        code: 'corrupt-zip',
        path: 'report.json',
        message:
          'The file is not a readable zip: the compressed data of report.json is damaged or cut short.',
      },
    ]);
  });

  it('the honest bundle rebuilt byte by byte still decodes', async () => {
    const decoded = decodeBundle(craftZip(await honestEntries()));
    expect(decoded.problems).toEqual([]);
    expect(decoded.ok).toBe(true);
  });
});
