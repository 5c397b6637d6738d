// `npm run report:verify` on a bundle signed without a file (format 5): VALID, and one line names
// the file not included, its item and its hash; the same bundle with a file the signer included
// removed by hand is still INVALID (missing-attachment): the declaration cannot hide a removal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportVerify } from '../../../cli/reports/verify-command';
import { attachmentPath, encodeBundle } from '../../../core/reports';
import {
  countersigned,
  defaultTrust,
  evidenceBodyWithoutPhoto,
  photo,
  speedTest,
} from '../core/reports/fixtures';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'report-verify-not-included-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function bundleWithoutPhoto(): Promise<Uint8Array> {
  return encodeBundle(await countersigned(evidenceBodyWithoutPhoto()), [speedTest]);
}

describe('report:verify with evidence not included', () => {
  it('is VALID and names the file, its item and hash', async () => {
    await writeFile(path.join(cwd, 'bundle.zip'), await bundleWithoutPhoto());
    await writeFile(path.join(cwd, 'trust.json'), JSON.stringify(await defaultTrust()));
    const result = await runReportVerify(['bundle.zip', '--trust', 'trust.json'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stdout[0]).toBe('VALID');
    expect(result.stdout).toContain(
      `not included: "rack-label.jpg" of item "Core switches" (sha256 ${photo.ref.sha256}): the signer did not have this file when signing off, so no bundle of the report holds it`,
    );
  });

  it('is INVALID when a file the signer included was removed', async () => {
    const files = unzipSync(await bundleWithoutPhoto());
    delete files[attachmentPath(speedTest.ref.sha256)];
    await writeFile(path.join(cwd, 'bundle.zip'), zipSync(files as Zippable));
    await writeFile(path.join(cwd, 'trust.json'), JSON.stringify(await defaultTrust()));
    const result = await runReportVerify(['bundle.zip', '--trust', 'trust.json'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout.join('\n')).toMatch(/speed-test\.txt.*is missing from the bundle/);
  });
});
