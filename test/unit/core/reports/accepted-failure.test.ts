// Report format 2: an item marked done although its value fails carries the acknowledgement
// (acceptedFailure) into the signed report; format 1 reports still verify and cannot carry it.
import { describe, expect, it } from 'vitest';
import {
  buildReportBody,
  REPORT_FORMAT_VERSION,
  signOff,
  verifyReport,
  type ReportBody,
} from '../../../../core/reports';
import { completeRun, Session, admin } from '../runs/fixtures';
import { adminSigner, defaultTrust, inFormat, SIGNED_AT } from './fixtures';

function bodyWithAcceptedFailure(): ReportBody {
  const session = completeRun(new Session()).must({
    type: 'setValue',
    itemId: 'av-policy',
    value: { type: 'choice', choiceId: 'disabled' },
    acceptFailing: true,
    reason: 'Licence arrives next week.',
  });
  return buildReportBody({
    definition: session.def,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: 'Order the licences with the hardware.',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
  });
}

describe('accepted failures in the signed report', () => {
  it('the item carries the failure and the acknowledgement, since format 2', () => {
    const body = bodyWithAcceptedFailure();
    expect(REPORT_FORMAT_VERSION).toBeGreaterThanOrEqual(2);
    expect(body.formatVersion).toBe(REPORT_FORMAT_VERSION);
    const item = body.sections.flatMap((s) => s.items).find((i) => i.id === 'av-policy');
    expect(item).toMatchObject({
      status: 'done',
      failing: true,
      failure: '"Disabled" is not acceptable.',
      acceptedFailure: {
        reason: 'Licence arrives next week.',
        failure: '"Disabled" is not acceptable.',
        by: admin,
      },
    });
    expect(body.summary.failing).toBe(1);
  });

  it('verifies in formats 2 and 3, and a format 1 report cannot carry it', async () => {
    const trust = await defaultTrust();
    const body = bodyWithAcceptedFailure();
    expect(verifyReport(await signOff(adminSigner, body, body.signedAt), trust).valid).toBe(true);
    const two = inFormat(body, 2);
    expect(verifyReport(await signOff(adminSigner, two, two.signedAt), trust).valid).toBe(true);

    const old = inFormat(body, 1);
    const result = verifyReport(await signOff(adminSigner, old, old.signedAt), trust);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'invalid-shape',
        path: expect.stringMatching(/^body\.sections\[1\]\.items\[1\]\.acceptedFailure$/),
        message: expect.stringMatching(
          /came with format version 2, but the report is in version 1/,
        ),
      }),
    ]);
  });

  it('a format 1 report without it still verifies and is countersigned in format 1', async () => {
    const trust = await defaultTrust();
    const body = inFormat(bodyWithAcceptedFailure(), 1);
    for (const section of body.sections) {
      for (const item of section.items) delete item.acceptedFailure;
    }
    const signed = await signOff(adminSigner, body, body.signedAt);
    expect(signed.signatures[0]?.statement.formatVersion).toBe(1);
    expect(verifyReport(signed, trust).valid).toBe(true);
  });
});
