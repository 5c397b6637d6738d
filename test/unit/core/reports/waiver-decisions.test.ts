// Four eyes in the signed report: a waiver counts toward GO only with a supervisor's signed
// approval, and the verifier (app, CLI, hub) checks it against the trust list: a supervisor of the
// report's office, not revoked when deciding.
import { describe, expect, it } from 'vitest';
import { buildReportBody, signOff, verifyReport } from '../../../../core/reports';
import { approveWaiver, completeRun, Session } from '../runs/fixtures';
import {
  adminSigner,
  clone,
  defaultTrust,
  SIGNED_AT,
  supervisorSigner,
  trustedKey,
  trustList,
} from './fixtures';

function waivedRun(): Session {
  const session = completeRun(new Session()).must(
    { type: 'setStatus', itemId: 'failover-test', status: 'blocked', reason: 'Line 2 late.' },
    { type: 'waive', itemId: 'failover-test', justification: 'Line 2 on Tuesday; 4G backup.' },
  );
  return approveWaiver(session, 'failover-test');
}

function bodyOf(session: Session) {
  return buildReportBody({
    definition: session.def,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: '',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
  });
}

describe('waiver decisions in the report', () => {
  it('an approved waiver by a supervisor of the office verifies', async () => {
    const body = bodyOf(waivedRun());
    expect(body.gate.decision).toBe('go-with-waivers');
    const result = verifyReport(await signOff(adminSigner, body, SIGNED_AT), await defaultTrust());
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is refused when the trust list does not make the decider a supervisor of this office', async () => {
    const signed = await signOff(adminSigner, bodyOf(waivedRun()), SIGNED_AT);
    const elsewhere = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner, { supervises: ['Madrid office'] }),
    );
    expect(verifyReport(signed, elsewhere).problems.map((p) => p.code)).toContain(
      'waiver-key-untrusted',
    );
  });

  it('is refused when a decision is edited or a waiver counts without one, even re-signed', async () => {
    const trust = await defaultTrust();
    const edited = clone(bodyOf(waivedRun()));
    const item = edited.sections.flatMap((s) => s.items).find((i) => i.id === 'failover-test')!;
    item.waiver!.decision!.statement.comment = 'Approved, whatever happens.';
    const codes = verifyReport(await signOff(adminSigner, edited, SIGNED_AT), trust).problems.map(
      (p) => p.code,
    );
    expect(codes).toContain('waiver-decision-invalid');

    const unapproved = clone(bodyOf(waivedRun()));
    delete unapproved.gate.waivers[0]!.approvedBy;
    expect(
      verifyReport(await signOff(adminSigner, unapproved, SIGNED_AT), trust).problems.map(
        (p) => p.code,
      ),
    ).toContain('waiver-decision-invalid');
  });
});
