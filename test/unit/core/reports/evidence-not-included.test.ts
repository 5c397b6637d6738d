// Format 5: a file the report lists whose bytes were not on the signing device (a shared run's file
// still on another member's laptop) is declared not included in the signed body. The builder writes
// the declaration, the verifier names the files (valid report), the bundle leaves them out and its
// reader tells "declared not included" apart from "removed after signing" and "added after signing";
// the declaration cannot be added after signing, and format 4 reports (no declaration) still verify.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  attachmentPath,
  BundleError,
  decodeBundle,
  encodeBundle,
  verifyReport,
  type ReportBody,
} from '../../../../core/reports';
import {
  allEvidence,
  clone,
  countersigned,
  defaultTrust,
  evidenceBody,
  evidenceBodyWithoutPhoto,
  photo,
  signedOff,
  speedTest,
} from './fixtures';

/** The evidence run signed off on a device that holds the speed test's bytes but not the photo's. */
function bodyWithoutPhoto(): ReportBody {
  return evidenceBodyWithoutPhoto({
    lessonsLearned: 'The photo was still on the technician laptop.',
  });
}

function codes(problems: readonly { code: string }[]): string[] {
  return problems.map((problem) => problem.code);
}

describe('evidence not included at sign-off', () => {
  it('is declared in the signed body, once per file, and only when a file is missing', () => {
    const body = bodyWithoutPhoto();
    expect(body.formatVersion).toBe(5);
    // The photo is on two items: named once.
    expect(body.evidenceNotIncluded).toEqual([photo.ref.sha256]);
    const held = evidenceBody({ lessonsLearned: 'All in hand.', isEvidenceHeld: () => true });
    expect(held).not.toHaveProperty('evidenceNotIncluded');
  });

  it('keeps the report valid and names each file with its item', async () => {
    const result = verifyReport(await countersigned(bodyWithoutPhoto()), await defaultTrust());
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.notIncluded).toEqual([
      {
        sha256: photo.ref.sha256,
        name: 'rack-label.jpg',
        size: photo.ref.size,
        itemTitle: 'Core switches',
        path: 'body.sections[2].items[0].attachments[0]',
      },
    ]);
    const complete = verifyReport(await signedOff(bodyWithoutPhoto()), await defaultTrust());
    expect(complete.notIncluded?.map((file) => file.name)).toEqual(['rack-label.jpg']);
  });

  it('gives a bundle without the file that decodes with a named result, not a problem', async () => {
    const signed = await countersigned(bodyWithoutPhoto());
    const bundle = encodeBundle(signed, [speedTest]);
    // Bytes that arrived after the sign-off stay out: the same bundle, byte for byte.
    expect(encodeBundle(signed, allEvidence)).toEqual(bundle);
    expect(Object.keys(unzipSync(bundle)).sort()).toEqual(
      ['manifest.json', 'report.json', attachmentPath(speedTest.ref.sha256)].sort(),
    );
    const decoded = decodeBundle(bundle);
    expect(decoded.problems).toEqual([]);
    if (!decoded.ok) throw new Error('not ok');
    expect(decoded.notIncluded.map(({ ref, itemTitle }) => [ref.name, itemTitle])).toEqual([
      ['rack-label.jpg', 'Core switches'],
    ]);
    expect([...decoded.attachments.keys()]).toEqual([speedTest.ref.sha256]);
    expect(decoded.manifest.attachments.map((file) => file.name)).toEqual(['speed-test.txt']);
    expect(verifyReport(decoded.signed, await defaultTrust()).valid).toBe(true);
  });

  it('still reports a file removed from the bundle when the signer did not declare it', async () => {
    const signed = await countersigned(bodyWithoutPhoto());
    const bundle = encodeBundle(signed, [speedTest]);
    const removed = zipSync(
      Object.fromEntries(
        Object.entries(unzipSync(bundle)).filter(
          ([name]) => name !== attachmentPath(speedTest.ref.sha256),
        ),
      ) as Zippable,
    );
    const decoded = decodeBundle(removed);
    expect(decoded.ok).toBe(false);
    expect(decoded.problems).toEqual([
      expect.objectContaining({
        code: 'missing-attachment',
        path: attachmentPath(speedTest.ref.sha256),
      }),
    ]);
    // And the writer refuses to leave out a file it was not told is missing.
    expect(() => encodeBundle(signed, [])).toThrow(BundleError);
  });

  it('reports a declared file added to the bundle after the sign-off', async () => {
    const signed = await countersigned(bodyWithoutPhoto());
    const files = unzipSync(encodeBundle(signed, [speedTest]));
    const path = attachmentPath(photo.ref.sha256);
    files[path] = Uint8Array.from(photo.bytes);
    const decoded = decodeBundle(zipSync(files as Zippable));
    expect(decoded.problems).toEqual([
      {
        code: 'unexpected-entry',
        path,
        message: `The bundle holds ${path}, which the signed report declares not included: it was added after the sign-off.`,
      },
    ]);
  });

  it('cannot be declared after signing: the signature no longer covers the body', async () => {
    const signed = clone(await countersigned(bodyWithoutPhoto()));
    signed.body.evidenceNotIncluded = [photo.ref.sha256, speedTest.ref.sha256].sort();
    const result = verifyReport(signed, await defaultTrust());
    expect(result.valid).toBe(false);
    expect(codes(result.problems)).toContain('hash-mismatch');
  });

  it('refuses a declaration in format 4, twice the same file, or a file the report does not list', async () => {
    const format4 = clone(bodyWithoutPhoto());
    format4.formatVersion = 4;
    expect(verifyReport(await signedOff(format4), await defaultTrust()).problems).toEqual([
      expect.objectContaining({
        code: 'invalid-shape',
        path: 'body.evidenceNotIncluded',
        message: expect.stringMatching(
          /came with format version 5, but the report is in version 4/,
        ),
      }),
    ]);
    const twice = clone(bodyWithoutPhoto());
    twice.evidenceNotIncluded = [photo.ref.sha256, photo.ref.sha256];
    const unknown = clone(bodyWithoutPhoto());
    unknown.evidenceNotIncluded = ['f'.repeat(64)];
    const trust = await defaultTrust();
    expect(verifyReport(await signedOff(twice), trust).problems).toEqual([
      expect.objectContaining({ code: 'invalid-shape', path: 'body.evidenceNotIncluded[1]' }),
    ]);
    expect(verifyReport(await signedOff(unknown), trust).problems).toEqual([
      expect.objectContaining({
        code: 'invalid-shape',
        path: 'body.evidenceNotIncluded[0]',
        message: expect.stringMatching(/which no item of the report lists/),
      }),
    ]);
  });

  it('leaves format 4 reports and their bundles as they were', async () => {
    const body = evidenceBody({ lessonsLearned: 'Signed before format 5.' });
    const format4 = { ...body, formatVersion: 4 };
    const signed = await countersigned(format4);
    const result = verifyReport(signed, await defaultTrust());
    expect(result.valid).toBe(true);
    expect(result).not.toHaveProperty('notIncluded');
    const bundle = encodeBundle(signed, allEvidence);
    const decoded = decodeBundle(bundle);
    expect(decoded.ok && decoded.notIncluded).toEqual([]);
    const withoutPhoto = zipSync(
      Object.fromEntries(
        Object.entries(unzipSync(bundle)).filter(
          ([name]) => name !== attachmentPath(photo.ref.sha256),
        ),
      ) as Zippable,
    );
    expect(codes(decodeBundle(withoutPhoto).problems)).toEqual(['missing-attachment']);
  });
});
