import 'fake-indexeddb/auto';
// The second copy of signed reports end to end: the renderer's watcher mirrors what IndexedDB holds
// through main's report mirror on a real temporary folder; after the database is wiped, reconcile
// puts the reports back (verified, with their evidence) and says so; a damaged, edited or
// re-formatted copy is reported and skipped, never restored, and nothing throws.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalReportJson, countersign, verifyReport } from '../../../core/reports';
import type { SignedReport } from '../../../core/reports/report-format';
import { createReportMirror, type ReportMirror } from '../../../electron/main/report-mirror';
import {
  watchSignedReports,
  type MirrorBridge,
} from '../../../renderer/features/desktop/mirror-signed-reports';
import { reconcileMirror } from '../../../renderer/features/desktop/reconcile-mirror';
import type { GoLiveDatabase, SignedReportRow } from '../../../renderer/storage/database';
import { createReportRepository } from '../../../renderer/storage/report-repository';
import { adminSigner, supervisorSigner } from '../core/reports/fixtures';
import { ana, freshDatabase } from '../renderer/storage-fixtures';
import { attachSpeedPhoto, deviceWithRunToSign } from '../renderer/tiny-run';

const EVIDENCE = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const SIGNED_AT = '2025-05-31T10:00:00.000Z';

let userData: string;
let mirror: ReportMirror;
let bridge: MirrorBridge;

beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(tmpdir(), 'reconcile-mirror-'));
  mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
  // What the preload and main's handlers do, minus the IPC.
  bridge = {
    mirrorSignedReport: (request) => mirror.mirror(request),
    listMirroredReports: () => mirror.list(),
    readMirroredAttachment: (request) => mirror.readAttachment(request),
  };
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

/** A device where Ana ran the tiny checklist, attached a speed test and signed it off. */
async function deviceWithSignedRun() {
  const { db, repo: runs, run } = await deviceWithRunToSign();
  await attachSpeedPhoto(runs, run.id, EVIDENCE);
  const row = await createReportRepository(db, runs).signOff({
    runId: run.id,
    office: 'Berlin office',
    lessonsLearned: 'Order the second ISP line six weeks ahead.',
    signer: adminSigner,
    now: new Date(SIGNED_AT),
  });
  return { db, row };
}

/** Mirrors everything db holds, as the running app does, and waits until it is on disk. */
async function mirrorAll(db: GoLiveDatabase, expected: number) {
  const onFailure = vi.fn();
  const watcher = watchSignedReports(db, bridge, new Map(), onFailure);
  try {
    await watcher.idle();
  } finally {
    watcher.stop();
  }
  expect(onFailure).not.toHaveBeenCalled();
  expect(await mirror.list()).toHaveLength(expected);
}

/** The next call of mirrorSignedReport through `bridge`, once main has answered it. */
function nextMirrorCall(on: MirrorBridge) {
  const real = on.mirrorSignedReport;
  return new Promise<Parameters<MirrorBridge['mirrorSignedReport']>[0]>((resolve) => {
    on.mirrorSignedReport = async (request) => {
      const result = await real(request);
      on.mirrorSignedReport = real;
      resolve(request);
      return result;
    };
  });
}

/** Chromium reset the profile: a new, empty database (the bundled template comes back, nothing else). */
async function wiped(db: GoLiveDatabase): Promise<GoLiveDatabase> {
  db.close();
  await db.delete();
  return freshDatabase();
}

async function withoutStoredAt(row: SignedReportRow | undefined) {
  const { storedAt: _storedAt, runId: _runId, ...rest } = row ?? ({} as SignedReportRow);
  return rest;
}

const reportFile = (row: SignedReportRow) =>
  path.join(mirror.folder, row.reportId, `r${row.revision}`, 'report.json');

describe('after a wiped database', () => {
  it('restores the signed report, verified, with its evidence, and says so', async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    const fresh = await wiped(device.db);
    expect(await fresh.signedReports.count()).toBe(0);

    const outcome = await reconcileMirror({ db: fresh, bridge });

    expect(outcome.damaged).toEqual([]);
    expect(outcome.restored).toEqual([
      {
        reportId: device.row.reportId,
        revision: 1,
        name: 'Berlin office',
        change: 'restored',
        missingEvidence: 0,
      },
    ]);
    const restored = await fresh.signedReports.get([device.row.reportId, 1]);
    expect(await withoutStoredAt(restored)).toEqual(await withoutStoredAt(device.row));
    expect(restored?.source).toBe('local');
    expect(restored?.storedAt).toBe(SIGNED_AT);
    // The run is gone with the database: the restored report does not point at it.
    expect(restored?.runId).toBeUndefined();
    // Exactly as signed: verification passes on the restored bytes.
    const verification = verifyReport(JSON.parse(restored?.json ?? 'null'), null);
    expect(verification.problems.map((problem) => problem.code)).toEqual(['no-trust-list']);

    const ref = device.row.signed.body.sections
      .flatMap((section) => section.items)
      .flatMap((item) => item.attachments)[0];
    const evidence = await fresh.attachments
      .where('sha256')
      .equals(ref?.sha256 ?? '')
      .first();
    expect(evidence).toMatchObject({
      itemId: 'speed-test',
      name: 'speed.png',
      mimeType: 'image/png',
      size: EVIDENCE.byteLength,
    });
    expect(new Uint8Array(await (evidence?.blob ?? new Blob()).arrayBuffer())).toEqual(EVIDENCE);
    expect(outcome.kept.get(`${device.row.reportId}@1`)).toBe(1);
  });

  it('restores nothing the second time, and nothing when the database is intact', async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    await expect(reconcileMirror({ db: device.db, bridge })).resolves.toMatchObject({
      restored: [],
      damaged: [],
    });
    const fresh = await wiped(device.db);
    await reconcileMirror({ db: fresh, bridge });
    await expect(reconcileMirror({ db: fresh, bridge })).resolves.toMatchObject({
      restored: [],
      damaged: [],
    });
    expect(await fresh.signedReports.count()).toBe(1);
  });

  it("files a report signed with another device's key as imported", async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    const fresh = await wiped(device.db);
    const own = await adminSigner.identity();
    await reconcileMirror({
      db: fresh,
      bridge: {
        ...bridge,
        getSigningKey: async () => ({
          publicKey: own.publicKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
          createdAt: SIGNED_AT,
          protection: 'os-keyring',
        }),
      },
    });
    expect((await fresh.signedReports.toArray())[0]?.source).toBe('imported');
  });

  it('counts evidence that neither the database nor the copy can give back', async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    const attachments = path.join(mirror.folder, device.row.reportId, 'r1', 'attachments');
    for (const name of await fs.readdir(attachments)) {
      await fs.writeFile(path.join(attachments, name), 'bit rot');
    }
    const fresh = await wiped(device.db);
    const outcome = await reconcileMirror({ db: fresh, bridge });
    expect(outcome.restored[0]?.missingEvidence).toBe(1);
    expect(await fresh.attachments.count()).toBe(0);
  });

  it('does not count a file the report was signed without as lost', async () => {
    const { db, repo: runs, run } = await deviceWithRunToSign();
    // Attached on another laptop: named by the answer, its bytes never reached this one.
    const ref = {
      id: 'att-x',
      name: 'x.png',
      mimeType: 'image/png',
      size: 10,
      sha256: 'd'.repeat(64),
    };
    await runs.apply(run.id, { type: 'attach', itemId: 'speed-test', attachment: ref }, ana);
    const row = await createReportRepository(db, runs).signOff({
      runId: run.id,
      office: 'Berlin office',
      lessonsLearned: 'Signed without the photo.',
      signer: adminSigner,
      now: new Date(SIGNED_AT),
      notIncludedAccepted: [ref.sha256],
    });
    expect(row.signed.body.evidenceNotIncluded).toEqual([ref.sha256]);
    await mirrorAll(db, 1);
    const fresh = await wiped(db);
    const outcome = await reconcileMirror({ db: fresh, bridge });
    expect(outcome.restored).toMatchObject([{ change: 'restored', missingEvidence: 0 }]);
  });
});

describe('countersigned copies', () => {
  async function countersignIn(db: GoLiveDatabase, row: SignedReportRow): Promise<SignedReport> {
    const approved = await countersign(
      supervisorSigner,
      row.signed,
      '2025-06-01T19:30:00.000Z',
      'Looks good.',
    );
    await db.signedReports.put({ ...row, signed: approved, json: canonicalReportJson(approved) });
    return approved;
  }

  it('mirrors the countersigned copy over the plain one while the app runs', async () => {
    const device = await deviceWithSignedRun();
    const watching = { ...bridge };
    const watcher = watchSignedReports(device.db, watching, new Map(), vi.fn());
    try {
      await watcher.idle();
      expect(await mirror.list()).toHaveLength(1);
      const mirrored = nextMirrorCall(watching);
      const approved = await countersignIn(device.db, device.row);
      expect((await mirrored).json).toBe(canonicalReportJson(approved));
      expect((await mirror.list())[0]?.json).toBe(canonicalReportJson(approved));
    } finally {
      watcher.stop();
    }
  });

  it('brings back a countersignature the database lost', async () => {
    const device = await deviceWithSignedRun();
    const approved = await countersignIn(device.db, device.row);
    await mirrorAll(device.db, 1);
    // The database went back to the plain sign-off.
    await device.db.signedReports.put(device.row);
    const outcome = await reconcileMirror({ db: device.db, bridge });
    expect(outcome.restored).toMatchObject([{ change: 'updated', missingEvidence: 0 }]);
    const row = await device.db.signedReports.get([device.row.reportId, 1]);
    expect(row?.json).toBe(canonicalReportJson(approved));
    expect(row?.runId).toBe(device.row.runId);
    expect(row?.source).toBe('local');
  });

  it('does not send a copy again that is already on disk', async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    const spy = vi.spyOn(bridge, 'mirrorSignedReport');
    const outcome = await reconcileMirror({ db: device.db, bridge });
    const watcher = watchSignedReports(device.db, bridge, outcome.kept, vi.fn());
    // Waits for the watcher's first look at the database and what it queued from it.
    await watcher.idle();
    watcher.stop();
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('a damaged copy', () => {
  it.each([
    ['is not JSON', () => '{"body": {"reportId"', /not valid JSON/],
    ['is not a report', () => '{}', /body/],
    ['was re-formatted', (json: string) => JSON.stringify(JSON.parse(json), null, 2), /canonical/],
    [
      'was edited after signing',
      (json: string) => json.replace('"Berlin office"', '"Bern office"'),
      /changed after signing/,
    ],
  ])(
    'that %s is reported and skipped, and the others are restored',
    async (_what, damage, reason) => {
      const device = await deviceWithSignedRun();
      const second = await deviceWithSignedRun();
      await mirrorAll(device.db, 1);
      await mirrorAll(second.db, 2);
      const file = reportFile(device.row);
      await fs.writeFile(file, damage(await fs.readFile(file, 'utf8')));
      const fresh = await wiped(device.db);

      const outcome = await reconcileMirror({ db: fresh, bridge });

      expect(outcome.damaged).toEqual([
        { reportId: device.row.reportId, revision: 1, reason: expect.stringMatching(reason) },
      ]);
      expect(outcome.restored.map((report) => report.reportId)).toEqual([second.row.reportId]);
      expect(await fresh.signedReports.get([device.row.reportId, 1])).toBeUndefined();
      expect(await fresh.signedReports.get([second.row.reportId, 1])).toBeDefined();
    },
  );

  it('in the folder of another report is reported, not restored under the wrong id', async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    const elsewhere = path.join(mirror.folder, 'another-report', 'r1');
    await fs.mkdir(elsewhere, { recursive: true });
    await fs.copyFile(reportFile(device.row), path.join(elsewhere, 'report.json'));
    const fresh = await wiped(device.db);
    const outcome = await reconcileMirror({ db: fresh, bridge });
    expect(outcome.damaged).toEqual([
      { reportId: 'another-report', revision: 1, reason: expect.stringMatching(/another report/) },
    ]);
    expect(outcome.restored).toHaveLength(1);
  });

  it('that conflicts with the database keeps the database copy', async () => {
    const device = await deviceWithSignedRun();
    await mirrorAll(device.db, 1);
    // The database holds this revision with other content (its hash differs from the copy's).
    await device.db.signedReports.put({ ...device.row, reportHash: 'f'.repeat(64) });
    const outcome = await reconcileMirror({ db: device.db, bridge });
    expect(outcome.damaged).toEqual([
      {
        reportId: device.row.reportId,
        revision: 1,
        reason: expect.stringMatching(/other content/),
      },
    ]);
    expect((await device.db.signedReports.get([device.row.reportId, 1]))?.reportHash).toBe(
      'f'.repeat(64),
    );
  });

  it('never makes reconcile throw, even when the copy cannot be listed entry by entry', async () => {
    const device = await deviceWithSignedRun();
    const outcome = await reconcileMirror({
      db: device.db,
      bridge: {
        ...bridge,
        listMirroredReports: async () => [{ reportId: 'x', revision: 1, json: '\u0000' }],
      },
    });
    expect(outcome.damaged).toHaveLength(1);
  });
});
