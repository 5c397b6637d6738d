// `npm run report:verify`: a valid bundle, PDF and report pass; a tampered one fails with its
// reason; bad input (missing file, not a PDF, a PDF without a report, a damaged zip, a broken trust
// list) gets one clear line and exit 1, never a stack trace; text from a report cannot forge lines.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportVerify } from '../../../cli/reports/verify-command';
import {
  attachReportToPdf,
  canonicalReportJson,
  encodeBundle,
  keyFingerprint,
  signOff,
  type SignedReport,
} from '../../../core/reports';
import { unzipSync, zipSync } from 'fflate';
import {
  adminSigner,
  allEvidence,
  clone,
  countersigned,
  createKeySignerFor,
  defaultTrust,
  evidenceBody,
  photo,
} from '../core/reports/fixtures';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
let cwd: string;

async function write(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(path.join(cwd, name), content);
  return name;
}

async function writeTrust(): Promise<string> {
  return write('trust-list.json', JSON.stringify(await defaultTrust(), null, 2));
}

async function signedReport(): Promise<SignedReport> {
  return countersigned(evidenceBody());
}

async function pdfWith(signed: SignedReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return attachReportToPdf(await doc.save(), signed);
}

const verify = (...args: string[]) => runReportVerify(args, { cwd });

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'report-verify-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('report:verify', () => {
  it('a valid bundle: VALID, one line per signature, exit 0', async () => {
    const signed = await signedReport();
    await write('bundle.zip', encodeBundle(signed, allEvidence));
    const result = await verify('bundle.zip', '--trust', await writeTrust());
    const admin = keyFingerprint((await adminSigner.identity()).publicKey);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toEqual([]);
    expect(result.stdout[0]).toBe('VALID');
    expect(result.stdout[1]).toBe(
      'report run-berlin revision 1: Berlin office (Berlin office), new-office 1.2.0, gate go, signed off 2025-06-01T16:00:00.000Z; signed off and countersigned',
    );
    expect(result.stdout[2]).toMatch(/^report hash [0-9a-f]{64}$/);
    expect(result.stdout.slice(3)).toEqual([
      `signature 1: sign-off by Ana Admin (admin), key ${admin}, trusted yes, valid yes`,
      expect.stringMatching(
        /^signature 2: countersign by Sam Supervisor \(supervisor\), key [0-9a-f]{16}, trusted yes, valid yes, comment "Looks good\."$/,
      ),
    ]);
  });

  it('a valid PDF and a valid report.json, with --trust=', async () => {
    const signed = await signedReport();
    const trust = await writeTrust();
    await write('report.pdf', await pdfWith(signed));
    await write('report.json', canonicalReportJson(signed));
    const pdf = await verify(`--trust=${trust}`, 'report.pdf');
    expect(pdf.exitCode).toBe(0);
    expect(pdf.stdout[0]).toBe('VALID');
    expect(pdf.stdout.at(-1)).toMatch(/^note: only the report embedded in the PDF is signed/);
    const json = await verify('report.json', '--trust', trust);
    expect(json.exitCode).toBe(0);
    expect(json.stdout[0]).toBe('VALID');
  });

  it('a tampered bundle: INVALID with the reason, exit 1', async () => {
    const signed = await signedReport();
    const tampered = clone(signed);
    tampered.body.lessonsLearned = 'Nothing went wrong.';
    const zip = unzipSync(encodeBundle(signed, allEvidence));
    zip['report.json'] = new TextEncoder().encode(canonicalReportJson(tampered));
    await write('bundle.zip', zipSync(zip));
    const result = await verify('bundle.zip', '--trust', await writeTrust());
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout).toContainEqual(
      expect.stringMatching(
        /^signature 1: sign-off by Ana Admin \(admin\), key [0-9a-f]{16}, trusted yes, valid no, problem: the report changed after this signature$/,
      ),
    );
    expect(result.stdout).toContain(
      'problem: manifest.json in the bundle does not match report.json: the report hash differs.',
    );
    expect(
      result.stdout.filter((line) =>
        /^problem: Signature \d .* the report body was changed after signing\./.test(line),
      ),
    ).toHaveLength(2);
  });

  it('changed evidence in a bundle: INVALID, naming the attachment', async () => {
    const signed = await signedReport();
    const zip = unzipSync(encodeBundle(signed, allEvidence));
    const entry = `attachments/${photo.ref.sha256}`;
    zip[entry] = new TextEncoder().encode('a different photo');
    await write('bundle.zip', zipSync(zip));
    const result = await verify('bundle.zip', '--trust', await writeTrust());
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout).toContainEqual(
      expect.stringMatching(
        /^problem: Attachment "rack-label\.jpg" of item "Core switches" .* the file was changed or damaged\.$/,
      ),
    );
  });

  it('without a trust list: INVALID, keys not checked, exit 1', async () => {
    await write('report.json', canonicalReportJson(await signedReport()));
    const result = await verify('report.json');
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout).toContain(
      'problem: No trust list given: signatures checked, keys not checked against a trust list, so nobody vouches for the signers.',
    );
    expect(result.stdout.filter((line) => line.includes('trusted no, valid yes'))).toHaveLength(2);
  });

  it('bad input: one clear line each, exit 1', async () => {
    const trust = await writeTrust();
    const doc = await PDFDocument.create();
    doc.addPage();
    await write('plain.pdf', await doc.save());
    await write('fake.pdf', 'hello, I am not a PDF');
    await write('broken.zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    await write('notes.txt', 'hello');
    await write('pretty.json', JSON.stringify(await signedReport(), null, 2));
    const cases: [string, string][] = [
      ['missing.pdf', 'problem: Cannot read missing.pdf: no such file.'],
      ['fake.pdf', 'problem: fake.pdf is not a PDF file (it does not start with %PDF-).'],
      [
        'plain.pdf',
        'problem: The PDF holds no go-live-report.json: it is not a signed report export, or the report was removed.',
      ],
      [
        'broken.zip',
        'problem: The file is not a readable zip: it is damaged, cut short or not a report bundle.',
      ],
      [
        'notes.txt',
        'problem: notes.txt is not a signed report: expected a PDF export, a report bundle (.zip) or a report (.json).',
      ],
    ];
    for (const [file, line] of cases) {
      const result = await verify(file, '--trust', trust);
      expect(result).toEqual({ exitCode: 1, stdout: ['INVALID', line], stderr: [] });
    }
    const pretty = await verify('pretty.json', '--trust', trust);
    expect(pretty.exitCode).toBe(1);
    expect(pretty.stdout).toContain(
      'problem: pretty.json is not in the canonical form the app writes (RFC 8785): it was re-formatted or edited by hand, or it has a key twice.',
    );
  });

  it('a broken trust list, and wrong usage', async () => {
    await write('report.json', canonicalReportJson(await signedReport()));
    await write(
      'trust.json',
      JSON.stringify({
        format: 'go-live-trust-list',
        formatVersion: 1,
        keys: [{ publicKey: 'x', name: 'A', role: 'boss' }],
      }),
    );
    const broken = await verify('report.json', '--trust', 'trust.json');
    expect(broken).toEqual({
      exitCode: 1,
      stdout: [
        'INVALID',
        'problem: trust list trust.json: keys[0].publicKey: must be a base64url Ed25519 public key',
        'problem: trust list trust.json: keys[0].role: must be one of "admin", "supervisor", "head", "coordinator", found "boss"',
      ],
      stderr: [],
    });
    expect((await verify()).exitCode).toBe(2);
    expect((await verify('a.json', 'b.json')).exitCode).toBe(2);
    expect((await verify('a.json', '--trust')).stderr[0]).toBe('--trust needs a file');
    expect((await verify('--color', 'a.json')).stderr[0]).toBe('unknown option --color');
  });

  it('escapes control characters a crafted name could use to forge lines', async () => {
    const mallory = createKeySignerFor('mallory', 'Mallory\nVALID\u001b[2J', 'admin');
    const signed = await signOff(mallory, evidenceBody(), evidenceBody().signedAt);
    await write('report.json', canonicalReportJson(signed));
    const result = await verify('report.json', '--trust', await writeTrust());
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout.join('\n').match(/^VALID$/m)).toBeNull();
    expect(result.stdout.join('\n')).not.toContain('\u001b');
    expect(result.stdout).toContainEqual(expect.stringContaining('Mallory\\u000aVALID\\u001b[2J'));
  });

  it('runs from the command line without stack traces', async () => {
    const tsx = path.join(repositoryRoot, 'node_modules/.bin/tsx');
    const signed = await signedReport();
    await write('bundle.zip', encodeBundle(signed, allEvidence));
    const trust = await writeTrust();
    const run = (...args: string[]) =>
      spawnSync(tsx, [path.join(repositoryRoot, 'cli/report-verify.ts'), ...args], {
        cwd,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const good = run('bundle.zip', '--trust', trust);
    expect(good.status).toBe(0);
    expect(good.stdout.split('\n')[0]).toBe('VALID');
    const missing = run('nope.zip', '--trust', trust);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('INVALID\nproblem: Cannot read nope.zip: no such file.\n');
    expect(missing.stderr).not.toMatch(/\bat \S+ \(/);
  });
});
