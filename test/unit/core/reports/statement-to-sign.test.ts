// What a device key may sign (core/reports/statement-to-sign.ts): the statements the app makes
// pass; arbitrary bytes, other JSON, re-formatted statements, statements about another body, for
// another key or role, or breaking the sign-off rules are refused with a code and a message.
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  countersign,
  reportHash,
  sendBack,
  signOff,
  statementBytes,
  type ReportBody,
  type SignedStatement,
  type Signer,
  type SigningContext,
} from '../../../../core/reports';
import { checkStatementToSign } from '../../../../core/reports/statement-to-sign';
import { canonicalJson } from '../../../../core/runs/event-chain';
import {
  adminSigner,
  body,
  clone,
  COUNTERSIGNED_AT,
  signedOff,
  supervisorSigner,
} from './fixtures';

/** A signer that records what it was asked to sign, and the context it was given. */
function recording(signer: Signer) {
  const calls: { message: Uint8Array; about?: SigningContext }[] = [];
  const wrapped: Signer = {
    identity: () => signer.identity(),
    sign: (message, about) => {
      calls.push({ message, ...(about ? { about } : {}) });
      return signer.sign(message, about);
    },
  };
  return { signer: wrapped, calls };
}

async function check(statement: SignedStatement | Uint8Array, reportBody: ReportBody | string) {
  const { publicKey } = await adminSigner.identity();
  return checkStatementToSign({
    message: statement instanceof Uint8Array ? statement : statementBytes(statement),
    reportBody: typeof reportBody === 'string' ? reportBody : canonicalJson(reportBody),
    publicKey,
  });
}

async function signOffStatement(): Promise<{ statement: SignedStatement; reportBody: ReportBody }> {
  const signed = await signedOff();
  const first = signed.signatures[0];
  if (!first) throw new Error('no sign-off');
  return { statement: first.statement, reportBody: signed.body };
}

describe('checkStatementToSign', () => {
  it('accepts what signOff, countersign and sendBack ask a signer to sign, with their body', async () => {
    const admin = recording(adminSigner);
    const reportBody = body();
    const signed = await signOff(admin.signer, reportBody, reportBody.signedAt);
    const supervisor = recording(supervisorSigner);
    await countersign(supervisor.signer, signed, COUNTERSIGNED_AT, 'Looks good.');
    await sendBack(supervisor.signer, signed, COUNTERSIGNED_AT, 'Photo of rack B missing.');

    const adminKey = (await adminSigner.identity()).publicKey;
    const supervisorKey = (await supervisorSigner.identity()).publicKey;
    const results = [
      ...admin.calls.map((call) => ({ call, publicKey: adminKey })),
      ...supervisor.calls.map((call) => ({ call, publicKey: supervisorKey })),
    ].map(({ call, publicKey }) =>
      checkStatementToSign({
        message: call.message,
        reportBody: canonicalJson(call.about?.body),
        publicKey,
      }),
    );
    expect(results.map((result) => (result.ok ? result.value.statement.purpose : result))).toEqual([
      'sign-off',
      'countersign',
      'send-back',
    ]);
    const [first] = results;
    expect(first?.ok && first.value.body.run.name).toBe(reportBody.run.name);
  });

  it.each([
    ['arbitrary bytes', new Uint8Array([0xff, 0xfe, 0x00, 0x01]), 'not-utf8'],
    ['a login challenge', utf8ToBytes('nonce:8f2a1c'), 'not-json'],
    ['other JSON', utf8ToBytes('{"amount":1000,"to":"mallory"}'), 'not-a-statement'],
  ] as const)('refuses %s', async (_what, message, code) => {
    const { reportBody } = await signOffStatement();
    const result = await check(message, reportBody);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message).toMatch(/^Refused to sign: /);
  });

  it('refuses a statement that is not in canonical form', async () => {
    const { statement, reportBody } = await signOffStatement();
    const pretty = utf8ToBytes(JSON.stringify(statement, null, 2));
    expect(await check(pretty, reportBody)).toMatchObject({ ok: false, code: 'not-canonical' });
  });

  it('refuses a statement with an extra field', async () => {
    const { statement, reportBody } = await signOffStatement();
    const extra = utf8ToBytes(canonicalJson({ ...statement, payload: 'x' }));
    expect(await check(extra, reportBody)).toMatchObject({ ok: false, code: 'not-a-statement' });
  });

  it('refuses a statement about another body than the one given', async () => {
    const { statement, reportBody } = await signOffStatement();
    const shown = clone(reportBody);
    shown.run.name = 'Madrid office';
    expect(await check(statement, shown)).toMatchObject({ ok: false, code: 'body-mismatch' });
  });

  it('refuses a missing, damaged or re-formatted body', async () => {
    const { statement, reportBody } = await signOffStatement();
    expect(await check(statement, '')).toMatchObject({ ok: false, code: 'invalid-body' });
    expect(await check(statement, '{"format":"go-live-report"}')).toMatchObject({
      ok: false,
      code: 'invalid-body',
    });
    expect(await check(statement, JSON.stringify(reportBody, null, 1))).toMatchObject({
      ok: false,
      code: 'invalid-body',
    });
  });

  it("refuses a statement naming another key than the device's", async () => {
    const { statement, reportBody } = await signOffStatement();
    const { publicKey } = await supervisorSigner.identity();
    expect(
      await check({ ...statement, signer: { ...statement.signer, publicKey } }, reportBody),
    ).toMatchObject({ ok: false, code: 'wrong-key' });
  });

  it('refuses a sign-off claimed by a supervisor role', async () => {
    const { statement, reportBody } = await signOffStatement();
    expect(
      await check(
        { ...statement, signer: { ...statement.signer, role: 'supervisor' } },
        reportBody,
      ),
    ).toMatchObject({ ok: false, code: 'wrong-role' });
  });

  it('refuses a sign-off of a no-go report and one at another time', async () => {
    const { statement, reportBody } = await signOffStatement();
    const noGo = clone(reportBody);
    noGo.gate.decision = 'no-go';
    const noGoStatement = { ...statement, reportHash: reportHash(noGo) };
    expect(await check(noGoStatement, noGo)).toMatchObject({ ok: false, code: 'no-go' });
    expect(
      await check({ ...statement, signedAt: '2030-01-01T00:00:00.000Z' }, reportBody),
    ).toMatchObject({ ok: false, code: 'signed-at-mismatch' });
  });

  it('refuses an unknown format version', async () => {
    const { statement, reportBody } = await signOffStatement();
    expect(await check({ ...statement, formatVersion: 99 }, reportBody)).toMatchObject({
      ok: false,
      code: 'unsupported-format-version',
    });
  });

  it('refuses a send-back without a comment', async () => {
    const signed = await signedOff();
    const supervisor = recording(supervisorSigner);
    await countersign(supervisor.signer, signed, COUNTERSIGNED_AT);
    const text = new TextDecoder().decode(supervisor.calls[0]?.message);
    const statement = JSON.parse(text) as SignedStatement;
    const { publicKey } = await supervisorSigner.identity();
    const result = checkStatementToSign({
      message: statementBytes({ ...statement, purpose: 'send-back' }),
      reportBody: canonicalJson(signed.body),
      publicKey,
    });
    expect(result).toMatchObject({ ok: false, code: 'comment-required' });
  });
});
