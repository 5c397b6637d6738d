// The second copy of signed reports (main) on a real temporary folder, with reports really signed
// by the core: the layout, atomic writes that leave no temporary file (also when a write fails),
// evidence checked against its hash, every copy verified before it is kept, a countersigned copy
// never traded for one with fewer or other signatures (nor for a forged "countersigned" one), a
// quota that is said when reached, ids that cannot name a path, and a listing that skips what it
// cannot use and clears the leftovers of an interrupted write.
import path from 'node:path';
import fs from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  canonicalReportJson,
  countersign,
  sendBack,
  signOff,
  type ReportBody,
  type SignedReport,
} from '../../../core/reports';
import {
  MIRROR_FOLDER,
  createReportMirror,
  reportFolderName,
  type MirrorFileSystem,
} from '../../../electron/main/report-mirror';
import {
  adminSigner,
  body,
  clone,
  COUNTERSIGNED_AT,
  createKeySignerFor,
  supervisorSigner,
} from '../core/reports/fixtures';

const REPORT_ID = '0b7e4a52-8c1d-4f7e-9a43-2d1f6c0e9b11';
const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let baseBody: ReportBody | undefined;

/** A report signed off by Ana (and countersigned by Sam with two signatures), really signed. */
async function signedReport(
  reportId = REPORT_ID,
  revision = 1,
  signatures: 1 | 2 = 1,
): Promise<SignedReport> {
  baseBody ??= body();
  const reportBody = clone(baseBody);
  reportBody.reportId = reportId;
  reportBody.revision = revision;
  reportBody.supersedes = revision === 1 ? null : 'a'.repeat(64);
  const signed = await signOff(adminSigner, reportBody, reportBody.signedAt);
  return signatures === 1
    ? signed
    : countersign(supervisorSigner, signed, COUNTERSIGNED_AT, 'Looks good.');
}

/** The canonical JSON of signedReport(...), as the renderer stores and sends it. */
async function reportJson(reportId = REPORT_ID, revision = 1, signatures: 1 | 2 = 1) {
  return canonicalReportJson(await signedReport(reportId, revision, signatures));
}

// For the tables of cases, which are built before any test runs.
const OTHER_REPORT_JSON = await reportJson('another-report');
const REVISION_2_JSON = await reportJson(REPORT_ID, 2);

const photo = bytes('rack label photo');
const speedTest = bytes('940 Mbit/s');

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(tmpdir(), 'report-mirror-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

/** Every file under `folder`, relative, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('mirror', () => {
  it('writes report.json and the evidence under signed-reports/<id>/r<revision>/', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const json = await reportJson();
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json,
        attachments: [
          { sha256: sha256(photo), bytes: photo },
          { sha256: sha256(speedTest), bytes: speedTest },
        ],
      }),
    ).resolves.toEqual({ mirrored: true });

    expect(mirror.folder).toBe(path.join(userData, MIRROR_FOLDER));
    const revision = path.join(REPORT_ID, 'r1');
    expect(await filesUnder(mirror.folder)).toEqual(
      [
        path.join(revision, 'attachments', sha256(photo)),
        path.join(revision, 'attachments', sha256(speedTest)),
        path.join(revision, 'report.json'),
      ].sort(),
    );
    expect(await fs.readFile(path.join(mirror.folder, revision, 'report.json'), 'utf8')).toBe(json);
    expect(
      new Uint8Array(
        await fs.readFile(path.join(mirror.folder, revision, 'attachments', sha256(photo))),
      ),
    ).toEqual(photo);
  });

  it('writes every file through a flushed temporary file and leaves none behind', async () => {
    const steps: string[] = [];
    const tracingFs: MirrorFileSystem = {
      ...fs,
      open: async (filePath, flags) => {
        const handle = await fs.open(filePath, flags);
        const name = path.basename(filePath);
        return {
          writeFile: (data) => handle.writeFile(data),
          sync: async () => {
            steps.push(`sync ${name.replace(/\.[0-9a-f-]{36}\.tmp$/, '.tmp')}`);
            await handle.sync();
          },
          close: () => handle.close(),
        };
      },
      rename: async (from, to) => {
        steps.push(`rename to ${path.basename(to)}`);
        await fs.rename(from, to);
      },
    };
    const mirror = createReportMirror({
      fs: tracingFs,
      userDataDir: userData,
      log: () => undefined,
    });
    await mirror.mirror({
      reportId: REPORT_ID,
      revision: 1,
      json: await reportJson(),
      attachments: [{ sha256: sha256(photo), bytes: photo }],
    });
    // Evidence first, report.json last: a revision with a report.json has all its evidence.
    expect(steps).toEqual([
      `sync .${sha256(photo)}.tmp`,
      `rename to ${sha256(photo)}`,
      'sync .report.json.tmp',
      'rename to report.json',
    ]);
    expect((await filesUnder(mirror.folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no temporary file and no report.json when a write fails', async () => {
    const failingFs: MirrorFileSystem = {
      ...fs,
      rename: async (from, to) => {
        if (path.basename(to) === 'report.json') throw new Error('disk full');
        await fs.rename(from, to);
      },
    };
    const mirror = createReportMirror({
      fs: failingFs,
      userDataDir: userData,
      log: () => undefined,
    });
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: await reportJson(),
        attachments: [{ sha256: sha256(photo), bytes: photo }],
      }),
    ).rejects.toThrow('disk full');
    expect(await filesUnder(mirror.folder)).toEqual([
      path.join(REPORT_ID, 'r1', 'attachments', sha256(photo)),
    ]);
    await expect(mirror.list()).resolves.toEqual([]);
  });

  it('replaces the copy with a countersigned one, never the reverse', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const request = async (signatures: 1 | 2) => ({
      reportId: REPORT_ID,
      revision: 1,
      json: await reportJson(REPORT_ID, 1, signatures),
      attachments: [],
    });
    await mirror.mirror(await request(1));
    await expect(mirror.mirror(await request(1))).resolves.toEqual({
      mirrored: false,
      reason: 'already kept',
    });
    await expect(mirror.mirror(await request(2))).resolves.toEqual({ mirrored: true });
    await expect(mirror.mirror(await request(1))).resolves.toMatchObject({ mirrored: false });
    const [kept] = await mirror.list();
    expect(kept?.json).toBe(await reportJson(REPORT_ID, 1, 2));
  });

  it('refuses a forged countersigned copy and keeps the verified one', async () => {
    const log = vi.fn();
    const mirror = createReportMirror({ fs, userDataDir: userData, log });
    const plain = await reportJson();
    await mirror.mirror({ reportId: REPORT_ID, revision: 1, json: plain, attachments: [] });
    // A script in the page adds a "countersign" whose signature is not Sam's: more signatures,
    // which is all the mirror used to look at.
    const forged = await signedReport(REPORT_ID, 1, 2);
    const second = forged.signatures[1];
    if (!second) throw new Error('no countersign');
    second.value = forged.signatures[0]?.value ?? '';
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: canonicalReportJson(forged),
        attachments: [],
      }),
    ).rejects.toThrow(/mirrorSignedReport: Signature 2 .* does not verify/);
    expect((await mirror.list())[0]?.json).toBe(plain);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^refused a copy of report/));
  });

  it('refuses a copy whose body was changed after signing, even as the first copy', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const edited = await signedReport();
    edited.body.run.office = 'Madrid office';
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: canonicalReportJson(edited),
        attachments: [],
      }),
    ).rejects.toThrow(/changed after signing/);
    expect(await filesUnder(userData)).toEqual([]);
  });

  it('keeps a countersigned copy when offered one with another supervisor signature', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const approved = await reportJson(REPORT_ID, 1, 2);
    await mirror.mirror({ reportId: REPORT_ID, revision: 1, json: approved, attachments: [] });
    const other = createKeySignerFor('other supervisor', 'Olga Other', 'supervisor');
    const returned = await sendBack(other, await signedReport(), COUNTERSIGNED_AT, 'Redo rack B.');
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: canonicalReportJson(returned),
        attachments: [],
      }),
    ).resolves.toEqual({ mirrored: false, reason: 'the copy kept holds more or other signatures' });
    expect((await mirror.list())[0]?.json).toBe(approved);
  });

  it('keeps the copy of a revision when offered another body for it', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const kept = await reportJson();
    await mirror.mirror({ reportId: REPORT_ID, revision: 1, json: kept, attachments: [] });
    const other = await signedReport();
    other.body.lessonsLearned = 'Another text, signed again.';
    const resigned = await signOff(adminSigner, other.body, other.body.signedAt);
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: canonicalReportJson(resigned),
        attachments: [],
      }),
    ).resolves.toEqual({
      mirrored: false,
      reason: 'the copy kept has other content for this revision',
    });
    expect((await mirror.list())[0]?.json).toBe(kept);
  });

  it('replaces a damaged copy', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    await fs.mkdir(path.join(mirror.folder, REPORT_ID, 'r1'), { recursive: true });
    await fs.writeFile(path.join(mirror.folder, REPORT_ID, 'r1', 'report.json'), '{"body":');
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: await reportJson(),
        attachments: [],
      }),
    ).resolves.toEqual({ mirrored: true });
  });

  it('rewrites a damaged evidence file and keeps an intact one', async () => {
    const log = vi.fn();
    const mirror = createReportMirror({ fs, userDataDir: userData, log });
    const file = path.join(mirror.folder, REPORT_ID, 'r1', 'attachments', sha256(photo));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, 'half a photo');
    await mirror.mirror({
      reportId: REPORT_ID,
      revision: 1,
      json: await reportJson(),
      attachments: [{ sha256: sha256(photo), bytes: photo }],
    });
    expect(new Uint8Array(await fs.readFile(file))).toEqual(photo);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('damaged'));
  });

  it.each([
    [
      'bytes that do not match their hash',
      { attachments: [{ sha256: sha256(photo), bytes: speedTest }] },
      /do not match/,
    ],
    [
      'a hash that is not lower-case hex',
      { attachments: [{ sha256: '../../evil', bytes: photo }] },
      /sha256/,
    ],
    ['json of another report', { json: OTHER_REPORT_JSON }, /another report/],
    ['json of another revision', { json: REVISION_2_JSON }, /another report or revision/],
    ['json that is not JSON', { json: 'not json' }, /not valid JSON/],
    ['json that is not a report', { json: '{}' }, /body/],
    [
      'json that is not canonical',
      { json: JSON.stringify(JSON.parse(REVISION_2_JSON), null, 2) },
      /canonical/,
    ],
    ['revision 0', { revision: 0 }, /revision/],
    ['an empty report id', { reportId: '' }, /reportId/],
  ])('refuses %s and writes nothing', async (_what, change, message) => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const request = {
      reportId: REPORT_ID,
      revision: 1,
      json: await reportJson(),
      attachments: [],
      ...change,
    };
    await expect(mirror.mirror(request)).rejects.toThrow(message);
    expect(await filesUnder(userData)).toEqual([]);
  });

  it('keeps a report whose id is not a plain id under a hashed folder name inside the mirror', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    for (const reportId of ['../../escape', 'Berlin Office', 'C:\\evil', 'a'.repeat(600)]) {
      await mirror.mirror({
        reportId,
        revision: 1,
        json: await reportJson(reportId),
        attachments: [],
      });
      expect(reportFolderName(reportId)).toMatch(/^~[0-9a-f]{64}$/);
    }
    expect(reportFolderName(REPORT_ID)).toBe(REPORT_ID);
    // Nothing outside the mirror folder.
    expect((await fs.readdir(userData)).sort()).toEqual([MIRROR_FOLDER]);
    const listed = await mirror.list();
    expect(listed.map((report) => report.reportId).sort()).toEqual(
      ['../../escape', 'Berlin Office', 'C:\\evil', 'a'.repeat(600)].sort(),
    );
  });
});

describe('the quota', () => {
  const bigPhoto = new Uint8Array(40_000).map((_, index) => (index * 31) % 251);

  it('refuses a copy that would pass it, says so, writes nothing, and keeps what it has', async () => {
    const log = vi.fn();
    const first = await reportJson();
    const quotaBytes = bytes(first).byteLength + bigPhoto.byteLength + 1_000;
    const mirror = createReportMirror({ fs, userDataDir: userData, log, quotaBytes });
    await expect(
      mirror.mirror({
        reportId: REPORT_ID,
        revision: 1,
        json: first,
        attachments: [{ sha256: sha256(bigPhoto), bytes: bigPhoto }],
      }),
    ).resolves.toEqual({ mirrored: true });
    const before = await filesUnder(mirror.folder);

    const second = await reportJson('second-report');
    const refusal = mirror.mirror({
      reportId: 'second-report',
      revision: 1,
      json: second,
      attachments: [{ sha256: sha256(photo), bytes: photo }],
    });
    await expect(refusal).rejects.toThrow(
      /^The folder of second copies of signed reports is full: it holds 0\.\d MB of its 0\.\d MB quota and report "second-report" revision 1 needs 0\.\d MB more, so no copy of it was kept in .*signed-reports\. The report is still in the app\./,
    );
    expect(log).toHaveBeenCalledWith(expect.stringContaining('is full'));
    expect(await filesUnder(mirror.folder)).toEqual(before);
    await expect(mirror.list()).resolves.toEqual([
      { reportId: REPORT_ID, revision: 1, json: first },
    ]);
  });

  it('counts what is already on disk after a restart, and lets a countersign in that fits', async () => {
    const first = await reportJson();
    const approved = await reportJson(REPORT_ID, 1, 2);
    const quotaBytes = bytes(approved).byteLength + bigPhoto.byteLength + 100;
    const before = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    await before.mirror({
      reportId: REPORT_ID,
      revision: 1,
      json: first,
      attachments: [{ sha256: sha256(bigPhoto), bytes: bigPhoto }],
    });
    const restarted = createReportMirror({
      fs,
      userDataDir: userData,
      log: () => undefined,
      quotaBytes,
    });
    // The countersigned copy replaces the plain one: only the difference counts.
    await expect(
      restarted.mirror({ reportId: REPORT_ID, revision: 1, json: approved, attachments: [] }),
    ).resolves.toEqual({ mirrored: true });
    await expect(
      restarted.mirror({
        reportId: 'second-report',
        revision: 1,
        json: await reportJson('second-report'),
        attachments: [],
      }),
    ).rejects.toThrow(/is full/);
  });
});

describe('list', () => {
  it('is empty before anything was mirrored', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    await expect(mirror.list()).resolves.toEqual([]);
  });

  it('lists every revision with its text, in order', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    for (const revision of [2, 1]) {
      await mirror.mirror({
        reportId: REPORT_ID,
        revision,
        json: await reportJson(REPORT_ID, revision),
        attachments: [],
      });
    }
    await expect(mirror.list()).resolves.toEqual([
      { reportId: REPORT_ID, revision: 1, json: await reportJson(REPORT_ID, 1) },
      { reportId: REPORT_ID, revision: 2, json: await reportJson(REPORT_ID, 2) },
    ]);
  });

  it('passes a damaged report.json on as text (the renderer reports it) and skips what is not a revision', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const revision = path.join(mirror.folder, REPORT_ID, 'r1');
    await fs.mkdir(revision, { recursive: true });
    await fs.writeFile(path.join(revision, 'report.json'), new Uint8Array([0xff, 0x00, 0x7b]));
    await fs.mkdir(path.join(mirror.folder, REPORT_ID, 'notes'), { recursive: true });
    await fs.mkdir(path.join(mirror.folder, REPORT_ID, 'r2'), { recursive: true });
    await fs.mkdir(path.join(mirror.folder, 'Not A Folder We Write'), { recursive: true });
    await fs.writeFile(path.join(mirror.folder, 'stray.txt'), 'x');
    const listed = await mirror.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ reportId: REPORT_ID, revision: 1 });
  });

  it('removes the temporary files of an interrupted write', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    await mirror.mirror({
      reportId: REPORT_ID,
      revision: 1,
      json: await reportJson(),
      attachments: [],
    });
    const revision = path.join(mirror.folder, REPORT_ID, 'r1');
    await fs.writeFile(path.join(revision, '.report.json.1234.tmp'), 'half');
    await fs.mkdir(path.join(revision, 'attachments'), { recursive: true });
    await fs.writeFile(path.join(revision, 'attachments', `.${sha256(photo)}.99.tmp`), 'half');
    await mirror.list();
    expect(await filesUnder(mirror.folder)).toEqual([path.join(REPORT_ID, 'r1', 'report.json')]);
  });
});

describe('readAttachment', () => {
  it('returns intact evidence, and null when it is absent or damaged', async () => {
    const log = vi.fn();
    const mirror = createReportMirror({ fs, userDataDir: userData, log });
    await mirror.mirror({
      reportId: REPORT_ID,
      revision: 1,
      json: await reportJson(),
      attachments: [
        { sha256: sha256(photo), bytes: photo },
        { sha256: sha256(speedTest), bytes: speedTest },
      ],
    });
    const read = (hash: string) =>
      mirror.readAttachment({ reportId: REPORT_ID, revision: 1, sha256: hash });
    await expect(read(sha256(photo))).resolves.toEqual(photo);
    await expect(read(sha256(bytes('never kept')))).resolves.toBeNull();
    await fs.writeFile(
      path.join(mirror.folder, REPORT_ID, 'r1', 'attachments', sha256(speedTest)),
      'bit rot',
    );
    await expect(read(sha256(speedTest))).resolves.toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('damaged'));
  });

  it('refuses a hash that could name a path', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    await expect(
      mirror.readAttachment({ reportId: REPORT_ID, revision: 1, sha256: '../report.json' }),
    ).rejects.toThrow(/sha256/);
  });
});
