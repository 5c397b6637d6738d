// What the trust list binds a key to besides its role: the office (an administrator signs off
// their own office's reports only; a supervisor countersigns or sends back the offices they
// oversee), and the time of a revocation (signatures made before it stand, with a warning; after
// it, refused; with a trusted receipt time, as the hub has, received after it is refused too).
import { describe, expect, it } from 'vitest';
import { createKeySigner, verifyReport, type SignedReport } from '../../../../core/reports';
import {
  adminSigner,
  body,
  COUNTERSIGNED_AT,
  countersigned,
  keyFor,
  SIGNED_AT,
  signedOff,
  supervisorSigner,
  trustedKey,
  trustList,
} from './fixtures';

function codes(result: ReturnType<typeof verifyReport>): string[] {
  return result.problems.map((p) => p.code);
}

const madridBody = () => body({ office: 'Madrid office' });

describe('a sign-off is bound to the office of the administrator who signs it', () => {
  it("refuses a Madrid report signed off with a Berlin administrator's key", async () => {
    const trust = await trustList(trustedKey(adminSigner), trustedKey(supervisorSigner));
    const report = await signedOff(madridBody());
    const result = verifyReport(report, trust);
    expect(result.valid).toBe(false);
    expect(codes(result)).toEqual(['not-admin-of-office']);
    expect(result.problems[0]).toMatchObject({
      path: 'signatures[0].statement.signer',
      signature: 0,
      message:
        "Signature 1 (sign-off by Ana Admin): Ana Admin is an administrator of Berlin office, not of Madrid office: only an administrator of the report's office signs it off.",
    });
    expect(result.signatures[0]?.problem).toBe('not an administrator of this office');
  });

  it('accepts the same key signing off its own office, and refuses an administrator with no office', async () => {
    const madridAdmin = await trustList(trustedKey(adminSigner, { office: 'Madrid office' }));
    expect(verifyReport(await signedOff(madridBody()), madridAdmin).problems).toEqual([]);
    const anywhere = await trustList(trustedKey(adminSigner, { office: undefined }));
    const result = verifyReport(await signedOff(), anywhere);
    expect(codes(result)).toEqual(['not-admin-of-office']);
    expect(result.problems[0]?.message).toMatch(
      /the trust list names no office for Ana Admin, so nothing shows they may sign off a report of Berlin office\.$/,
    );
  });

  it('refuses a countersign by a supervisor who oversees other offices, or none listed', async () => {
    const elsewhere = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner, { supervises: ['Madrid office'] }),
    );
    const report = await countersigned();
    expect(codes(verifyReport(report, elsewhere))).toEqual(['not-supervisor-of-office']);
    const unlisted = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner, { supervises: undefined }),
    );
    const result = verifyReport(report, unlisted);
    expect(codes(result)).toEqual(['not-supervisor-of-office']);
    expect(result.problems[0]?.message).toMatch(
      /the trust list names no office Sam Supervisor supervises, so nothing shows they may countersign a report of Berlin office\.$/,
    );
    const both = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner, { supervises: ['Madrid office', 'Berlin office'] }),
    );
    expect(verifyReport(report, both).valid).toBe(true);
  });
});

describe('a revocation has a time', () => {
  const LATER = '2025-06-05T00:00:00.000Z';
  const revokedAdmin = (revokedAt: string) =>
    trustList(trustedKey(adminSigner, { revokedAt }), trustedKey(supervisorSigner));

  it('keeps a report signed before the revocation valid, and says the key was revoked later', async () => {
    const report = await countersigned();
    const result = verifyReport(report, await revokedAdmin(LATER));
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: 'key-revoked-later',
        signature: 0,
        message: `Signature 1 (sign-off by Ana Admin): the key was revoked later, on ${LATER}; the signature says it was made at ${SIGNED_AT}, before that (a time the signer states), so it stands.`,
      },
    ]);
    expect(result.signatures[0]).toMatchObject({ keyTrusted: true, revokedAt: LATER });
    expect(result.signatures[1]?.revokedAt).toBeUndefined();
  });

  it('refuses a signature made at or after the revocation', async () => {
    const report = await countersigned();
    for (const revokedAt of [SIGNED_AT, '2025-05-01T00:00:00.000Z']) {
      const result = verifyReport(report, await revokedAdmin(revokedAt));
      expect(codes(result)).toEqual(['revoked-key']);
      expect(result.warnings).toEqual([]);
      expect(result.problems[0]?.message).toBe(
        `Signature 1 (sign-off by Ana Admin): the key was revoked on ${revokedAt}, and this signature was made at ${SIGNED_AT}, not before that.`,
      );
      expect(result.signatures[0]).toMatchObject({ keyTrusted: false, problem: 'key revoked' });
    }
    // The supervisor's key revoked between the sign-off and the countersign: only the
    // countersign falls.
    const between = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner, { revokedAt: '2025-06-01T18:00:00.000Z' }),
    );
    const result = verifyReport(report, between);
    expect(result.problems.map((p) => [p.code, p.signature])).toEqual([['revoked-key', 1]]);
    expect(COUNTERSIGNED_AT > '2025-06-01T18:00:00.000Z').toBe(true);
  });

  it('compares instants, not text: offsets are honoured', async () => {
    // 17:30+02:00 is 15:30Z, before the sign-off at 16:00Z although it sorts after as text.
    const result = verifyReport(await signedOff(), await revokedAdmin('2025-06-01T17:30:00+02:00'));
    expect(codes(result)).toEqual(['revoked-key']);
    // 17:30-02:00 is 19:30Z: after the sign-off.
    const later = verifyReport(await signedOff(), await revokedAdmin('2025-06-01T17:30:00-02:00'));
    expect(later.valid).toBe(true);
  });

  it('with a receipt time it trusts (the hub), refuses what arrived after the revocation, whatever time it claims', async () => {
    const report: SignedReport = await countersigned();
    const trust = await revokedAdmin(LATER);
    const late = verifyReport(report, trust, { receivedAt: '2025-06-06T09:00:00.000Z' });
    expect(codes(late)).toEqual(['revoked-key']);
    expect(late.problems[0]?.message).toBe(
      `Signature 1 (sign-off by Ana Admin): the key was revoked on ${LATER}, before this signature was received (2025-06-06T09:00:00.000Z); the time it claims, ${SIGNED_AT}, is the signer's own word and does not show it was made earlier.`,
    );
    const early = verifyReport(report, trust, { receivedAt: '2025-06-02T08:00:00.000Z' });
    expect(early.valid).toBe(true);
    expect(early.warnings.map((w) => w.message)).toEqual([
      `Signature 1 (sign-off by Ana Admin): the key was revoked later, on ${LATER}; the signature was received at 2025-06-02T08:00:00.000Z, before that, so it stands.`,
    ]);
  });

  it('a key nobody revoked gives no warning', async () => {
    const mallory = createKeySigner(keyFor('mallory'), { name: 'Mallory', role: 'admin' });
    const trust = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner),
      trustedKey(mallory, { revokedAt: '2025-01-01T00:00:00.000Z' }),
    );
    const result = verifyReport(await countersigned(), trust);
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });
});
