// The report bundle: a round trip, and every way a received bundle can be wrong (changed evidence,
// missing or extra files, a re-formatted report, a damaged zip, a zip bomb), reported, never thrown.
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  attachmentPath,
  BundleError,
  canonicalReportJson,
  decodeBundle,
  encodeBundle,
  reportHash,
  verifyReport,
  type DecodedBundle,
  type SignedReport,
} from '../../../../core/reports';
import {
  allEvidence,
  countersigned,
  defaultTrust,
  evidence,
  evidenceBody,
  photo,
  photoAgain,
  speedTest,
} from './fixtures';

async function report(): Promise<SignedReport> {
  return countersigned(evidenceBody());
}

function problems(decoded: DecodedBundle): string[] {
  return decoded.problems.map((p) => p.code);
}

/** Re-zips a bundle after `edit` changed its files. */
function rezip(bundle: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bundle);
  edit(files);
  return zipSync(files as Zippable);
}

/** The offsets of the central directory records, by entry name. */
function centralRecords(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const records = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(offset + 28, true);
    const extra = view.getUint16(offset + 30, true);
    const comment = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    records.set(name, offset);
    offset += 46 + nameLength + extra + comment;
  }
  return records;
}

/** Makes the central directory claim another uncompressed size for an entry. */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = Uint8Array.from(zip);
  const offset = centralRecords(copy).get(name);
  if (offset === undefined) throw new Error(`no entry ${name}`);
  new DataView(copy.buffer).setUint32(offset + 24, size, true);
  return copy;
}

describe('encodeBundle and decodeBundle', () => {
  it('round-trip the report and its evidence, each file once', async () => {
    const signed = await report();
    const bundle = encodeBundle(signed, allEvidence);
    const decoded = decodeBundle(bundle);
    expect(decoded.problems).toEqual([]);
    if (!decoded.ok) throw new Error('not ok');
    expect(canonicalReportJson(decoded.signed as SignedReport)).toBe(canonicalReportJson(signed));
    expect([...decoded.attachments.keys()].sort()).toEqual(
      [photo.ref.sha256, speedTest.ref.sha256].sort(),
    );
    expect(decoded.attachments.get(photo.ref.sha256)).toEqual(photo.bytes);
    expect(decoded.manifest).toEqual({
      format: 'go-live-report-bundle',
      formatVersion: 1,
      reportId: 'run-berlin',
      revision: 1,
      reportHash: reportHash(signed.body),
      attachments: [
        { ...speedTest.ref, path: attachmentPath(speedTest.ref.sha256) },
        { ...photo.ref, path: attachmentPath(photo.ref.sha256) },
        { ...photoAgain.ref, path: attachmentPath(photo.ref.sha256) },
      ],
    });
    expect(Object.keys(unzipSync(bundle)).sort()).toEqual(
      [
        'manifest.json',
        'report.json',
        attachmentPath(photo.ref.sha256),
        attachmentPath(speedTest.ref.sha256),
      ].sort(),
    );
    expect(verifyReport(decoded.signed, await defaultTrust()).valid).toBe(true);
    // The same report gives the same bytes.
    expect(encodeBundle(signed, allEvidence)).toEqual(bundle);
  });

  it('refuse to write evidence that does not match, is missing, or is not in the report', async () => {
    const signed = await report();
    const code = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        if (error instanceof BundleError) return error.code;
        throw error;
      }
      return 'written';
    };
    const wrongBytes = { ref: photo.ref, bytes: speedTest.bytes };
    expect(code(() => encodeBundle(signed, [wrongBytes, speedTest]))).toBe('attachment-mismatch');
    expect(code(() => encodeBundle(signed, [photo]))).toBe('missing-attachment');
    const stray = evidence('att-x', 'x.bin', 'application/octet-stream', strToU8('x'));
    expect(code(() => encodeBundle(signed, [...allEvidence, stray]))).toBe(
      'unreferenced-attachment',
    );
  });

  it('report evidence whose bytes changed, naming the attachment and its item', async () => {
    const signed = await report();
    const path = attachmentPath(photo.ref.sha256);
    const tampered = rezip(encodeBundle(signed, allEvidence), (files) => {
      const bytes = Uint8Array.from(files[path]!);
      bytes[100] = bytes[100]! ^ 0xff;
      files[path] = bytes;
    });
    const decoded = decodeBundle(tampered);
    expect(decoded.ok).toBe(false);
    expect(decoded.problems).toEqual([
      {
        code: 'attachment-mismatch',
        path,
        message: `Attachment "rack-label.jpg" of item "Core switches" (body.sections[2].items[0].attachments[0]): the bytes in ${path} do not match the SHA-256 and size the signed report lists: the file was changed or damaged.`,
      },
    ]);
    // The report itself is still there, so its signatures can be shown.
    expect(decoded.ok ? undefined : decoded.signed).toBeDefined();
  });

  it('report missing evidence, extra files and a manifest that disagrees', async () => {
    const signed = await report();
    const bundle = encodeBundle(signed, allEvidence);
    const missing = rezip(bundle, (files) => delete files[attachmentPath(speedTest.ref.sha256)]);
    expect(problems(decodeBundle(missing))).toEqual(['missing-attachment']);
    const extra = rezip(bundle, (files) => {
      files['attachments/' + 'f'.repeat(64)] = strToU8('smuggled');
      files['notes.txt'] = strToU8('hi');
    });
    expect(problems(decodeBundle(extra))).toEqual(['unexpected-entry', 'unexpected-entry']);
    const manifest = rezip(bundle, (files) => {
      const value = JSON.parse(new TextDecoder().decode(files['manifest.json']));
      value.reportHash = 'e'.repeat(64);
      value.attachments.pop();
      files['manifest.json'] = strToU8(JSON.stringify(value));
    });
    const decoded = decodeBundle(manifest);
    expect(problems(decoded)).toEqual(['manifest-mismatch', 'manifest-mismatch']);
    expect(decoded.problems[0]?.message).toBe(
      'manifest.json in the bundle does not match report.json: the report hash differs.',
    );
    const noManifest = rezip(bundle, (files) => delete files['manifest.json']);
    expect(problems(decodeBundle(noManifest))).toEqual(['missing-manifest']);
  });

  it('report a missing, re-formatted or broken report.json', async () => {
    const signed = await report();
    const bundle = encodeBundle(signed, allEvidence);
    const none = rezip(bundle, (files) => delete files['report.json']);
    expect(problems(decodeBundle(none))).toContain('missing-report');
    const pretty = rezip(bundle, (files) => {
      files['report.json'] = strToU8(JSON.stringify(signed, null, 2));
    });
    const decoded = decodeBundle(pretty);
    expect(problems(decoded)).toEqual(['invalid-report-json']);
    expect(decoded.problems[0]?.message).toMatch(/not in the canonical form the app writes/);
    const latin1 = rezip(bundle, (files) => {
      files['report.json'] = Uint8Array.from([0x7b, 0xe9, 0x7d]);
    });
    expect(decodeBundle(latin1).problems[0]?.message).toMatch(/not UTF-8/);
  });

  it('report a damaged or cut-short zip', async () => {
    const bundle = encodeBundle(await report(), allEvidence);
    for (const bytes of [
      new Uint8Array(0),
      strToU8('%PDF-1.7 not a zip'),
      bundle.subarray(0, bundle.length - 30),
      bundle.subarray(0, 200),
    ]) {
      const decoded = decodeBundle(bytes);
      expect(decoded.ok).toBe(false);
      expect(problems(decoded)).toEqual(['corrupt-zip']);
    }
  });

  it('refuse a zip bomb from the directory, before inflating anything', async () => {
    const zeros = zipSync({ 'report.json': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(zeros.length).toBeLessThan(100_000);
    const small = { maxTotalBytes: 1024 * 1024, maxEntries: 10_000 };
    const bomb = decodeBundle(zeros, small);
    expect(problems(bomb)).toEqual(['too-large']);
    expect(bomb.problems[0]?.message).toBe(
      'The bundle unpacks to more than 1 MB: refused (a zip bomb, or not a report bundle).',
    );
    // With the default limits: an entry claiming 3 GB is refused without allocating it.
    const bundle = encodeBundle(await report(), allEvidence);
    expect(problems(decodeBundle(claimSize(bundle, 'report.json', 3_000_000_000)))).toEqual([
      'too-large',
    ]);
    const many: Zippable = {};
    for (let i = 0; i < 12; i++) many[`f${i}`] = strToU8('x');
    expect(problems(decodeBundle(zipSync(many), { maxTotalBytes: 1e9, maxEntries: 10 }))).toEqual([
      'too-many-entries',
    ]);
  });

  it('refuses an entry that inflates beyond the size it claims (more in bundle-hostile.test.ts)', async () => {
    const bundle = encodeBundle(await report(), allEvidence);
    const lying = claimSize(bundle, 'report.json', 10);
    const decoded = decodeBundle(lying);
    expect(decoded.ok).toBe(false);
    expect(problems(decoded)).toEqual(['entry-size-mismatch']);
  });

  it('reports an entry present twice', async () => {
    const signed = await report();
    const bundle = encodeBundle(signed, allEvidence);
    // Rename the speed-test file to the photo's name: same length, so only the name bytes change.
    const from = new TextEncoder().encode(attachmentPath(speedTest.ref.sha256));
    const to = new TextEncoder().encode(attachmentPath(photo.ref.sha256));
    const copy = Uint8Array.from(bundle);
    for (let i = 0; i + from.length <= copy.length; i++) {
      if (from.every((byte, k) => copy[i + k] === byte)) copy.set(to, i);
    }
    expect(problems(decodeBundle(copy))).toEqual(['duplicate-entry', 'missing-attachment']);
  });
});
