// The second copy of signed reports (main) on a real temporary folder: the layout, atomic writes
// that leave no temporary file (also when a write fails), evidence checked against its hash, a
// countersigned copy never traded for one with fewer signatures, ids that cannot name a path, and a
// listing that skips what it cannot use and clears the leftovers of an interrupted write.
import path from 'node:path';
import fs from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MIRROR_FOLDER,
  createReportMirror,
  reportFolderName,
  type MirrorFileSystem,
} from '../../../electron/main/report-mirror';

const REPORT_ID = '0b7e4a52-8c1d-4f7e-9a43-2d1f6c0e9b11';
const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Enough of a signed report for main, which checks ids and counts signatures only. */
function reportJson(reportId = REPORT_ID, revision = 1, signatures = 1): string {
  return JSON.stringify({
    body: { reportId, revision },
    signatures: Array.from({ length: signatures }, (_, index) => ({ index })),
  });
}

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
    const json = reportJson();
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
      json: reportJson(),
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
        json: reportJson(),
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
    const request = (signatures: number) => ({
      reportId: REPORT_ID,
      revision: 1,
      json: reportJson(REPORT_ID, 1, signatures),
      attachments: [],
    });
    await mirror.mirror(request(1));
    await expect(mirror.mirror(request(1))).resolves.toEqual({
      mirrored: false,
      reason: 'already kept',
    });
    await expect(mirror.mirror(request(2))).resolves.toEqual({ mirrored: true });
    await expect(mirror.mirror(request(1))).resolves.toMatchObject({ mirrored: false });
    const [kept] = await mirror.list();
    expect(kept?.json).toBe(reportJson(REPORT_ID, 1, 2));
  });

  it('replaces a damaged copy', async () => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    await fs.mkdir(path.join(mirror.folder, REPORT_ID, 'r1'), { recursive: true });
    await fs.writeFile(path.join(mirror.folder, REPORT_ID, 'r1', 'report.json'), '{"body":');
    await expect(
      mirror.mirror({ reportId: REPORT_ID, revision: 1, json: reportJson(), attachments: [] }),
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
      json: reportJson(),
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
    ['json of another report', { json: reportJson('another-report') }, /another report/],
    ['json of another revision', { json: reportJson(REPORT_ID, 2) }, /another report or revision/],
    ['json that is not JSON', { json: 'not json' }, /not JSON/],
    ['revision 0', { revision: 0 }, /revision/],
    ['an empty report id', { reportId: '' }, /reportId/],
  ])('refuses %s and writes nothing', async (_what, change, message) => {
    const mirror = createReportMirror({ fs, userDataDir: userData, log: () => undefined });
    const request = {
      reportId: REPORT_ID,
      revision: 1,
      json: reportJson(),
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
        json: reportJson(reportId),
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
        json: reportJson(REPORT_ID, revision),
        attachments: [],
      });
    }
    await expect(mirror.list()).resolves.toEqual([
      { reportId: REPORT_ID, revision: 1, json: reportJson(REPORT_ID, 1) },
      { reportId: REPORT_ID, revision: 2, json: reportJson(REPORT_ID, 2) },
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
    await mirror.mirror({ reportId: REPORT_ID, revision: 1, json: reportJson(), attachments: [] });
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
      json: reportJson(),
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
