// `npm run report:verify` applies the trust list's bindings like the app and the hub (one core
// verifier): a sign-off by another office's administrator is INVALID, and a key revoked after it
// signed leaves the report VALID with a warning line, while a key revoked before is refused.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportVerify } from '../../../cli/reports/verify-command';
import { encodeBundle, keyFingerprint, type TrustList } from '../../../core/reports';
import {
  adminSigner,
  allEvidence,
  body,
  countersigned,
  evidenceBody,
  signedOff,
  SIGNED_AT,
  supervisorSigner,
  trustedKey,
  trustList,
} from '../core/reports/fixtures';

let cwd: string;

async function write(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(path.join(cwd, name), content);
  return name;
}

async function writeTrust(trust: TrustList): Promise<string> {
  return write('trust-list.json', JSON.stringify(trust, null, 2));
}

const verify = (...args: string[]) => runReportVerify(args, { cwd });

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'report-verify-trust-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('report:verify and the trust list', () => {
  it("a Madrid report signed off with a Berlin administrator's key: INVALID, exit 1", async () => {
    const signed = await signedOff(body({ office: 'Madrid office' }));
    await write('report.json', JSON.stringify(signed));
    const trust = await writeTrust(
      await trustList(trustedKey(adminSigner), trustedKey(supervisorSigner)),
    );
    const result = await verify('report.json', '--trust', trust);
    const key = keyFingerprint((await adminSigner.identity()).publicKey);
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe('INVALID');
    expect(result.stdout).toContain(
      `signature 1: sign-off by Ana Admin (admin), key ${key}, trusted yes, valid yes, problem: not an administrator of this office`,
    );
    expect(result.stdout).toContain(
      "problem: Signature 1 (sign-off by Ana Admin): Ana Admin is an administrator of Berlin office, not of Madrid office: only an administrator of the report's office signs it off.",
    );
  });

  it('a key revoked after it signed: VALID, with a warning line; revoked before: INVALID', async () => {
    const signed = await countersigned(evidenceBody());
    await write('bundle.zip', encodeBundle(signed, allEvidence));
    const revokedAt = '2025-06-20T00:00:00.000Z';
    const later = await writeTrust(
      await trustList(trustedKey(adminSigner, { revokedAt }), trustedKey(supervisorSigner)),
    );
    const valid = await verify('bundle.zip', '--trust', later);
    expect(valid.exitCode).toBe(0);
    expect(valid.stdout[0]).toBe('VALID');
    expect(valid.stdout).toContainEqual(
      expect.stringMatching(
        /^signature 1: sign-off by Ana Admin \(admin\), key [0-9a-f]{16}, trusted yes \(revoked later, on 2025-06-20T00:00:00\.000Z\), valid yes$/,
      ),
    );
    expect(valid.stdout).toContain(
      `warning: Signature 1 (sign-off by Ana Admin): the key was revoked later, on ${revokedAt}; the signature says it was made at ${SIGNED_AT}, before that (a time the signer states), so it stands.`,
    );

    const before = await writeTrust(
      await trustList(
        trustedKey(adminSigner, { revokedAt: '2025-06-01T00:00:00.000Z' }),
        trustedKey(supervisorSigner),
      ),
    );
    const invalid = await verify('bundle.zip', '--trust', before);
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stdout[0]).toBe('INVALID');
    expect(invalid.stdout.filter((line) => line.startsWith('warning:'))).toEqual([]);
    expect(invalid.stdout).toContain(
      `problem: Signature 1 (sign-off by Ana Admin): the key was revoked on 2025-06-01T00:00:00.000Z, and this signature was made at ${SIGNED_AT}, not before that.`,
    );
  });
});
