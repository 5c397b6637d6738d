// A shared run's report (format 3) carries every device's events: the verifier (app, CLI, hub)
// checks every chain, that the history is exactly the one signed, that no conflict was left and
// that each item is what the merge of the events says; the sign-off refuses unresolved conflicts.
import { describe, expect, it } from 'vitest';
import {
  buildReportBody,
  ReportBuildError,
  signOff,
  verifyReport,
  type ReportBody,
} from '../../../../core/reports';
import { verifyRunLog, type Actor, type RunEvent } from '../../../../core/runs';
import { historyOf } from '../../../../core/reports/report-history';
import { completeRun, definition, makeRun, Session } from '../runs/fixtures';
import { adminSigner, clone, defaultTrust, SIGNED_AT } from './fixtures';

const nils: Actor = { id: 'u-nils', name: 'Nils Network', role: 'engineer' };
const run = makeRun();

/** The owner completes most of the run; an engineer on another laptop adds the Wi-Fi note. */
function sharedRun(): Session {
  const owner = completeRun(new Session(run, definition, 'laptop-owner'));
  const engineer = new Session(run, definition, 'laptop-nils');
  engineer.log.addAll(owner.events);
  const note = engineer.apply(
    { type: 'setNotes', itemId: 'av-policy', notes: 'Policy pushed to all 120 seats.' },
    nils,
  );
  if (!note.ok) throw new Error(note.error.message);
  owner.log.addAll(engineer.events);
  return owner;
}

function bodyOf(session: Session): ReportBody {
  return buildReportBody({
    definition,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: 'Invite the network engineer on day one.',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
  });
}

const codes = (report: unknown, trust: Awaited<ReturnType<typeof defaultTrust>>) =>
  verifyReport(report, trust).problems.map((problem) => problem.code);

describe('a shared run in its report', () => {
  it('carries every chain and verifies, naming each device head', async () => {
    const body = bodyOf(sharedRun());
    expect(body.formatVersion).toBe(5);
    expect(body.history?.chains.map((chain) => chain.chain)).toEqual([
      'laptop-nils',
      'laptop-owner',
    ]);
    const item = body.sections.flatMap((s) => s.items).find((i) => i.id === 'av-policy');
    expect(item).toMatchObject({ notes: 'Policy pushed to all 120 seats.', updatedBy: nils });
    const signed = await signOff(adminSigner, body, SIGNED_AT);
    expect(verifyReport(JSON.parse(JSON.stringify(signed)), await defaultTrust()).valid).toBe(true);
  });

  it('refuses an event changed in the history, even with the body re-signed', async () => {
    const body = clone(bodyOf(sharedRun()));
    const event = body.history?.events.find((e) => e.chain === 'laptop-nils') as RunEvent;
    event.at = '2020-01-01T00:00:00.000Z';
    const signed = await signOff(adminSigner, body, SIGNED_AT);
    expect(codes(signed, await defaultTrust())).toEqual(['history-broken']);
  });

  it("refuses a device's chain cut from the history, or its heads not the events'", async () => {
    const trust = await defaultTrust();
    const cut = clone(bodyOf(sharedRun()));
    const history = cut.history!;
    history.events = history.events.filter((e) => e.chain !== 'laptop-nils');
    expect(codes(await signOff(adminSigner, cut, SIGNED_AT), trust)).toContain('history-mismatch');
    const lying = clone(bodyOf(sharedRun()));
    lying.history!.chains[0]!.length += 1;
    expect(codes(await signOff(adminSigner, lying, SIGNED_AT), trust)).toEqual([
      'history-mismatch',
    ]);
  });

  it('refuses an item the history does not vouch for, even re-signed', async () => {
    const body = clone(bodyOf(sharedRun()));
    const item = body.sections.flatMap((s) => s.items).find((i) => i.id === 'av-policy')!;
    item.notes = 'Policy pushed to half the seats.';
    const signed = await signOff(adminSigner, body, SIGNED_AT);
    expect(verifyReport(signed, await defaultTrust()).problems).toEqual([
      expect.objectContaining({
        code: 'answer-not-in-history',
        message: expect.stringContaining('"Antivirus policy" is not what the run\'s history says'),
      }),
    ]);
  });

  it('cannot be signed off while two devices disagree; a forged one is caught', async () => {
    const owner = completeRun(new Session(run, definition, 'laptop-owner'));
    const engineer = new Session(run, definition, 'laptop-nils');
    engineer.log.addAll(owner.events);
    owner.must({ type: 'setNotes', itemId: 'wifi-survey', notes: 'Attic checked.' });
    engineer.apply(
      { type: 'setNotes', itemId: 'wifi-survey', notes: 'Attic not reachable.' },
      nils,
    );
    owner.log.addAll(engineer.events);
    expect(owner.log.conflictIds().has('wifi-survey')).toBe(true);
    expect(() => bodyOf(owner)).toThrow(ReportBuildError);

    // A report built around the builder with that history: the verifier still says no.
    const forged = clone(bodyOf(sharedRun()));
    const log = verifyRunLog(run.id, owner.events);
    if (!log.ok) throw new Error(log.reason);
    forged.history = historyOf(log.chains, owner.events);
    const wifi = forged.sections.flatMap((s) => s.items).find((i) => i.id === 'wifi-survey')!;
    wifi.notes = owner.answers.get('wifi-survey')?.notes;
    const signed = await signOff(adminSigner, forged, SIGNED_AT);
    expect(codes(signed, await defaultTrust())).toContain('unresolved-conflict');
  });
});
