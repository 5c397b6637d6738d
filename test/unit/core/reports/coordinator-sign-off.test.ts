// A client onboarding's run is owned by its coordinator (the technical account manager), who signs
// it off like an office's administrator signs a new office: a sign-off is valid from an
// administrator OR a coordinator of the report's office. Engineers are never on the trust list and
// never sign; a coordinator never countersigns.
import { describe, expect, it } from 'vitest';
import {
  countersign,
  createKeySigner,
  maySignFor,
  reportHash,
  signOff,
  statementBytes,
  verifyReport,
  type SignedStatement,
} from '../../../../core/reports';
import { checkStatementToSign } from '../../../../core/reports/statement-to-sign';
import { canonicalJson } from '../../../../core/runs';
import {
  body,
  COUNTERSIGNED_AT,
  keyFor,
  OFFICE,
  supervisorSigner,
  trustedKey,
  trustList,
} from './fixtures';

const coordinatorSigner = createKeySigner(keyFor('coordinator-cora'), {
  name: 'Cora Coordinator',
  role: 'coordinator',
  office: OFFICE,
});

function codes(result: ReturnType<typeof verifyReport>): string[] {
  return result.problems.map((problem) => problem.code);
}

describe('a coordinator signs off their own office’s run', () => {
  it('accepts a sign-off by a coordinator of the report’s office, countersigned by its supervisor', async () => {
    const trust = await trustList(
      trustedKey(coordinatorSigner, { office: OFFICE }),
      trustedKey(supervisorSigner),
    );
    const reportBody = body();
    const signed = await signOff(coordinatorSigner, reportBody, reportBody.signedAt);
    expect(verifyReport(signed, trust)).toMatchObject({ valid: true, problems: [] });
    const reviewed = await countersign(supervisorSigner, signed, COUNTERSIGNED_AT, 'Fine.');
    expect(verifyReport(reviewed, trust)).toMatchObject({ valid: true, problems: [] });
  });

  it('refuses a coordinator of another office, or of none listed', async () => {
    const reportBody = body();
    const signed = await signOff(coordinatorSigner, reportBody, reportBody.signedAt);
    const elsewhere = await trustList(trustedKey(coordinatorSigner, { office: 'Madrid office' }));
    const result = verifyReport(signed, elsewhere);
    expect(codes(result)).toEqual(['not-coordinator-of-office']);
    expect(result.problems[0]?.message).toBe(
      "Signature 1 (sign-off by Cora Coordinator): Cora Coordinator is a coordinator of Madrid office, not of Berlin office: only a coordinator of the report's office signs it off.",
    );
    const nowhere = await trustList(trustedKey(coordinatorSigner, { office: undefined }));
    expect(codes(verifyReport(signed, nowhere))).toEqual(['not-coordinator-of-office']);
  });

  it('never lets a coordinator countersign, nor an engineer (or anyone else) sign off', async () => {
    expect(maySignFor('coordinator', 'sign-off')).toBe(true);
    expect(maySignFor('admin', 'sign-off')).toBe(true);
    expect(maySignFor('coordinator', 'countersign')).toBe(false);
    expect(maySignFor('coordinator', 'send-back')).toBe(false);
    for (const role of ['engineer', 'supervisor', 'head']) {
      expect(maySignFor(role, 'sign-off')).toBe(false);
    }
    const reportBody = body();
    const signed = await signOff(coordinatorSigner, reportBody, reportBody.signedAt);
    await expect(countersign(coordinatorSigner, signed, COUNTERSIGNED_AT)).rejects.toMatchObject({
      code: 'wrong-role',
    });
  });

  it('lets a coordinator’s device key sign its sign-off statement, and nothing a supervisor signs', async () => {
    const reportBody = body();
    const { publicKey } = await coordinatorSigner.identity();
    const statement = (purpose: SignedStatement['purpose']): SignedStatement => ({
      format: 'go-live-report',
      formatVersion: reportBody.formatVersion,
      purpose,
      reportHash: reportHash(reportBody),
      signer: { publicKey, name: 'Cora Coordinator', role: 'coordinator', office: OFFICE },
      signedAt: reportBody.signedAt,
      ...(purpose === 'send-back' ? { comment: 'Redo it.' } : {}),
    });
    const check = (purpose: SignedStatement['purpose']) =>
      checkStatementToSign({
        message: statementBytes(statement(purpose)),
        publicKey,
        reportBody: canonicalJson(reportBody),
      });
    expect(check('sign-off')).toMatchObject({ ok: true });
    expect(check('countersign')).toMatchObject({ ok: false, code: 'wrong-role' });
  });
});
