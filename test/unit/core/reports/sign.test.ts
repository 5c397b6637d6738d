// Signing: the statement each signature covers, and what the helpers refuse to sign.
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  countersign,
  createKeySigner,
  REPORT_FORMAT_VERSION,
  reportHash,
  ReportSigningError,
  sendBack,
  signOff,
  signStatement,
  statementBytes,
  type Signer,
} from '../../../../core/reports';
import {
  adminSigner,
  body,
  COUNTERSIGNED_AT,
  keyFor,
  SIGNED_AT,
  signedOff,
  supervisorSigner,
  SUPERVISOR_KEY_HEX,
} from './fixtures';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ReportSigningError) return error.code;
    throw error;
  }
  throw new Error('signed what it should have refused');
}

describe('signStatement', () => {
  it('signs the canonical statement: purpose, report hash, signer, time, comment', async () => {
    const reportBody = body();
    const signature = await signStatement(supervisorSigner, {
      purpose: 'send-back',
      body: reportBody,
      signedAt: COUNTERSIGNED_AT,
      comment: 'Attach the failover test log.',
    });
    expect(signature.statement).toEqual({
      format: 'go-live-report',
      formatVersion: REPORT_FORMAT_VERSION,
      purpose: 'send-back',
      reportHash: reportHash(reportBody),
      signer: await supervisorSigner.identity(),
      signedAt: COUNTERSIGNED_AT,
      comment: 'Attach the failover test log.',
    });
    expect(signature.value).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const again = await supervisorSigner.sign(statementBytes(signature.statement));
    expect(Buffer.from(again).toString('base64url')).toBe(signature.value);
  });

  it('refuses a signer whose signature does not verify with its own key', async () => {
    const liar: Signer = {
      identity: () => adminSigner.identity(),
      sign: (message) => supervisorSigner.sign(message),
    };
    expect(await refusal(signOff(liar, body(), SIGNED_AT))).toBe('signer-failed');
    const broken: Signer = {
      identity: () => Promise.resolve({ publicKey: 'nope', name: 'X', role: 'admin' }),
      sign: () => Promise.resolve(new Uint8Array(64)),
    };
    expect(await refusal(signOff(broken, body(), SIGNED_AT))).toBe('invalid-signer');
    expect(() => createKeySigner(new Uint8Array(31), { name: 'X', role: 'admin' })).toThrow(
      ReportSigningError,
    );
  });
});

describe('signOff', () => {
  it('makes the first signature, by an administrator', async () => {
    const report = await signedOff();
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]?.statement).toMatchObject({
      purpose: 'sign-off',
      signedAt: SIGNED_AT,
      signer: { name: 'Ana Admin', role: 'admin', office: 'Berlin office' },
    });
  });

  it('refuses a supervisor, a no-go gate and a time other than the report says', async () => {
    expect(await refusal(signOff(supervisorSigner, body(), SIGNED_AT))).toBe('wrong-role');
    const noGo = { ...body(), gate: { decision: 'no-go' as const, waivers: [] } };
    expect(await refusal(signOff(adminSigner, noGo, SIGNED_AT))).toBe('no-go');
    expect(await refusal(signOff(adminSigner, body(), COUNTERSIGNED_AT))).toBe(
      'signed-at-mismatch',
    );
  });
});

describe('countersign and sendBack', () => {
  it('append a supervisor signature over the same body', async () => {
    const report = await signedOff();
    const approved = await countersign(supervisorSigner, report, COUNTERSIGNED_AT);
    expect(approved.body).toBe(report.body);
    expect(approved.signatures.map((s) => s.statement.purpose)).toEqual([
      'sign-off',
      'countersign',
    ]);
    expect(approved.signatures[1]?.statement).not.toHaveProperty('comment');
    expect(report.signatures).toHaveLength(1);
    const returned = await sendBack(supervisorSigner, report, COUNTERSIGNED_AT, 'Redo failover.');
    expect(returned.signatures[1]?.statement.comment).toBe('Redo failover.');
  });

  it('refuse an administrator, a changed body, a report sent back, and a send-back without comment', async () => {
    const report = await signedOff();
    expect(await refusal(countersign(adminSigner, report, COUNTERSIGNED_AT))).toBe('wrong-role');
    const otherAdminAsSupervisor = createKeySigner(keyFor('other'), {
      name: 'Olga',
      role: 'head',
    });
    expect(await refusal(countersign(otherAdminAsSupervisor, report, COUNTERSIGNED_AT))).toBe(
      'wrong-role',
    );
    const changed = { ...report, body: { ...report.body, lessonsLearned: 'None.' } };
    expect(await refusal(countersign(supervisorSigner, changed, COUNTERSIGNED_AT))).toBe(
      'body-changed',
    );
    const returned = await sendBack(supervisorSigner, report, COUNTERSIGNED_AT, 'Fix it.');
    const second = createKeySigner(hexToBytes(SUPERVISOR_KEY_HEX).reverse(), {
      name: 'Sue',
      role: 'supervisor',
    });
    expect(await refusal(countersign(second, returned, COUNTERSIGNED_AT))).toBe(
      'already-sent-back',
    );
    expect(await refusal(sendBack(supervisorSigner, report, COUNTERSIGNED_AT, '   '))).toBe(
      'comment-required',
    );
    expect(
      await refusal(countersign(supervisorSigner, { ...report, signatures: [] }, COUNTERSIGNED_AT)),
    ).toBe('not-signed-off');
  });
});
