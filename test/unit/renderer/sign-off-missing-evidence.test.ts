import 'fake-indexeddb/auto';
// Signing off with an evidence file whose bytes are not on this device (report-repository.ts
// signOff, on fake-indexeddb): refused, naming the file and its item, unless the signer chose to
// sign without it; then the signed report declares it not included, the bundle the app exports and
// pushes leaves it out and decodes with it named (not refused as missing), and verifies; bytes
// that arrive after the sign-off do not change the bundle.
import { describe, expect, test } from 'vitest';
import { decodeBundle, verifyReport } from '../../../core/reports';
import { createReportRepository } from '../../../renderer/storage/report-repository';
import { buildReportBundle } from '../../../renderer/sync/report-bundle';
import { adminSigner, trustList, trustedKey } from '../core/reports/fixtures';
import { attachSpeedPhoto, deviceWithRunToSign } from './tiny-run';

const PHOTO = new Uint8Array(Array.from({ length: 1500 }, (_, i) => (i * 11) % 256));

/** A run ready to sign whose speed-test photo's bytes are not on this device (its row is gone). */
async function runWithPhotoElsewhere() {
  const { db, repo: runs, run } = await deviceWithRunToSign();
  const answer = await attachSpeedPhoto(runs, run.id, PHOTO);
  const ref = answer.attachments[0];
  if (!ref) throw new Error('no attachment');
  const row = await db.attachments.get(ref.id);
  await db.attachments.delete(ref.id);
  if (!row) throw new Error('no attachment row');
  return { db, runs, runId: run.id, ref, row, reports: createReportRepository(db, runs) };
}

const signOffInput = (runId: string, notIncludedAccepted?: readonly string[]) => ({
  runId,
  office: 'Berlin office',
  lessonsLearned: 'The photo stayed on the technician laptop.',
  signer: adminSigner,
  now: new Date('2025-05-31T10:00:00.000Z'),
  ...(notIncludedAccepted ? { notIncludedAccepted } : {}),
});

describe('signing off without an evidence file', () => {
  test('is refused, naming the file and its item, unless the signer chose it', async () => {
    const { db, runId, reports } = await runWithPhotoElsewhere();
    await expect(reports.signOff(signOffInput(runId))).rejects.toThrow(
      'Not on this device: "speed.png" (Speed test). Fetch it, or choose to sign without it.',
    );
    await expect(reports.signOff(signOffInput(runId, ['f'.repeat(64)]))).rejects.toThrow(
      /"speed.png"/,
    );
    // Nothing kept, nothing queued, the run still open.
    expect(await db.signedReports.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.runs.get(runId))?.state).toBe('in-progress');
  });

  test('declares it not included; the bundle leaves it out, names it and verifies', async () => {
    const { db, runId, ref, row, reports } = await runWithPhotoElsewhere();
    const signed = await reports.signOff(signOffInput(runId, [ref.sha256]));
    expect(signed.signed.body.evidenceNotIncluded).toEqual([ref.sha256]);
    const trust = await trustList(trustedKey(adminSigner));
    const verified = verifyReport(signed.signed, trust);
    expect(verified.valid).toBe(true);
    expect(verified.notIncluded?.map((file) => [file.name, file.itemTitle])).toEqual([
      ['speed.png', 'Speed test'],
    ]);

    const bundle = await buildReportBundle(db, signed, { signatures: 'sign-off' });
    const decoded = decodeBundle(bundle);
    expect(decoded.problems).toEqual([]);
    if (!decoded.ok) throw new Error('not ok');
    expect(decoded.notIncluded.map(({ ref: file }) => file.name)).toEqual(['speed.png']);
    expect(decoded.attachments.size).toBe(0);

    // The bytes arrive after the sign-off: the pushed bundle stays the same bytes.
    await db.attachments.put(row);
    expect(await buildReportBundle(db, signed, { signatures: 'sign-off' })).toEqual(bundle);
  });

  test('with every file here, nothing is declared, whatever was accepted', async () => {
    const { db, runId, ref, row, reports } = await runWithPhotoElsewhere();
    await db.attachments.put(row);
    const signed = await reports.signOff(signOffInput(runId, [ref.sha256]));
    expect(signed.signed.body).not.toHaveProperty('evidenceNotIncluded');
    const decoded = decodeBundle(await buildReportBundle(db, signed));
    expect(decoded.ok && [...decoded.attachments.keys()]).toEqual([ref.sha256]);
  });
});
