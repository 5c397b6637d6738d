// `npm run report:verify` on hostile files (issue 11, points 3 and 7): junk behind a PDF header
// (no catalog), a PDF cut short, a bundle whose entry inflates far beyond the size it declares,
// a bundle whose entries share their bytes. Each gets INVALID and a line saying what is wrong,
// exit 1, never "internal error" or a stack trace. Times are in test/bench/hostile-files.bench.ts.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportVerify } from '../../../cli/reports/verify-command';
import { attachmentPath, attachReportToPdf, encodeBundle } from '../../../core/reports';
import {
  allEvidence,
  countersigned,
  defaultTrust,
  evidenceBody,
  speedTest,
} from '../core/reports/fixtures';
import { craftZip, deflateBomb, entriesOf, junkPdf } from '../core/reports/hostile-files';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
let cwd: string;

async function write(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(path.join(cwd, name), content);
  return name;
}

const verify = (...args: string[]) => runReportVerify(args, { cwd });

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'report-verify-hostile-'));
  await write('trust.json', JSON.stringify(await defaultTrust()));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function bundleEntries() {
  return entriesOf(encodeBundle(await countersigned(evidenceBody()), allEvidence));
}

describe('report:verify on hostile files', () => {
  it('junk behind a PDF header and a PDF cut short: one line each, exit 1', async () => {
    await write('junk.pdf', junkPdf(2 * 1024 * 1024));
    const doc = await PDFDocument.create();
    doc.addPage();
    const whole = await attachReportToPdf(await doc.save(), await countersigned());
    await write('cut.pdf', whole.subarray(0, 900));
    const none =
      'problem: The PDF holds no go-live-report.json: it is not a signed report export, or the report was removed.';
    for (const file of ['junk.pdf', 'cut.pdf']) {
      expect(await verify(file, '--trust', 'trust.json')).toEqual({
        exitCode: 1,
        stdout: ['INVALID', none],
        stderr: [],
      });
    }
  });

  it('a bundle whose evidence declares 2 KB and inflates to a gigabyte', async () => {
    const name = attachmentPath(speedTest.ref.sha256);
    const entries = (await bundleEntries()).map((entry) =>
      entry.name === name ? { ...entry, data: deflateBomb(1024 ** 3) } : entry,
    );
    await write('bomb.zip', craftZip(entries));
    const result = await verify('bomb.zip', '--trust', 'trust.json');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toEqual([]);
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout.filter((line) => line.startsWith('problem:'))).toEqual([
      `problem: The bundle's ${name} declares ${speedTest.ref.size} bytes but inflates to more: refused after reading no further (a zip bomb, or a damaged bundle).`,
    ]);
  });

  it('a bundle whose entries share their bytes', async () => {
    const entries = await bundleEntries();
    const first = entries.length - 1;
    for (let i = 0; i < 50; i++) {
      entries.push({ name: `copy-${i}`, data: new Uint8Array(), method: 8, sameDataAs: first });
    }
    const result = await verify(
      await write('shared.zip', craftZip(entries)),
      '--trust',
      'trust.json',
    );
    expect(result).toEqual({
      exitCode: 1,
      stdout: [
        'INVALID',
        expect.stringMatching(
          /^problem: The bundle's entries \S+ and copy-0 share the same bytes: refused \(a zip bomb, or not a report bundle\)\.$/,
        ),
      ],
      stderr: [],
    });
  });

  it('from the command line: no "internal error", no stack trace', async () => {
    await write('junk.pdf', junkPdf(1024 * 1024));
    const run = spawnSync(
      path.join(repositoryRoot, 'node_modules/.bin/tsx'),
      [path.join(repositoryRoot, 'cli/report-verify.ts'), 'junk.pdf', '--trust', 'trust.json'],
      { cwd, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'INVALID\nproblem: The PDF holds no go-live-report.json: it is not a signed report export, or the report was removed.\n',
    );
    expect(run.status).toBe(1);
  });
});
