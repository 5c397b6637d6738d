// Several devices on one run: each records on its own chain; the merge decides each item by the
// causal history (never by clock time), shows concurrent disagreements as conflicts for a person to
// resolve, and the whole log verifies (chains, clocks, every event's `before`).
import { describe, expect, it } from 'vitest';
import {
  answerAfter,
  recordEvent,
  resolveConflict,
  verifyAnswersAgainstLog,
  verifyRunLog,
  type ItemEventPayload,
  type RunEvent,
} from '../../../../core/runs';
import { admin, done, makeRun, Session, supervisor } from './fixtures';

const run = makeRun();

function devices(): { a: Session; b: Session } {
  return { a: new Session(run, undefined, 'device-a'), b: new Session(run, undefined, 'device-b') };
}

/** Both devices end up holding every event either has. */
function sync(...sessions: Session[]): void {
  const all = sessions.flatMap((session) => session.events);
  for (const session of sessions) session.log.addAll(all);
}

const note = (notes: string) => ({ type: 'setNotes' as const, itemId: 'wifi-survey', notes });

describe('merging the chains of a shared run', () => {
  it('takes the later of two causally ordered changes, whichever device made it', () => {
    const { a, b } = devices();
    a.must(note('first'));
    sync(a, b);
    b.wait(1).must(note('second'));
    sync(a, b);
    expect(a.answers.get('wifi-survey')?.notes).toBe('second');
    expect(a.log.conflictIds().size).toBe(0);
  });

  it('never lets a clock decide: a concurrent change is a conflict, even minutes apart', () => {
    const { a, b } = devices();
    a.must(note('from A'));
    b.wait(90).must(note('from B, later by the clock'));
    sync(a, b);
    for (const session of [a, b]) {
      const merge = session.log.item('wifi-survey');
      expect(merge.conflict).toBe(true);
      expect(merge.heads.map((h) => answerAfter(h)?.notes).sort()).toEqual([
        'from A',
        'from B, later by the clock',
      ]);
    }
    // Both devices show the same answer while in conflict.
    expect(a.answers.get('wifi-survey')).toEqual(b.answers.get('wifi-survey'));
  });

  it('sees no conflict when concurrent changes agree in substance', () => {
    const { a, b } = devices();
    a.must(done('wifi-survey'));
    b.wait(5).must(done('wifi-survey'));
    sync(a, b);
    expect(a.log.item('wifi-survey')).toMatchObject({ conflict: false });
    expect(a.answers.get('wifi-survey')?.status).toBe('done');
  });

  it('lets a change on top of an agreed answer win over the concurrent repeat of it', () => {
    const { a, b } = devices();
    a.must(done('wifi-survey')).wait(1).must(note('Checked the attic too.'));
    b.must(done('wifi-survey'));
    sync(a, b);
    expect(a.log.item('wifi-survey').conflict).toBe(false);
    expect(a.answers.get('wifi-survey')).toMatchObject({
      status: 'done',
      notes: 'Checked the attic too.',
    });
  });

  it('refuses other changes to a conflicting item until a person resolves it', () => {
    const { a, b } = devices();
    a.must(note('from A'));
    b.must(note('from B'));
    sync(a, b);
    expect(b.refused(note('third'))).toBe('conflict-unresolved');
    const keep = a.log.item('wifi-survey').heads.find((h) => answerAfter(h)?.notes === 'from A');
    const resolved = b.keep(resolveConflict(b.context(supervisor), 'wifi-survey', keep!.hash));
    expect(resolved).toMatchObject({ ok: true, event: { type: 'resolveConflict' } });
    sync(a, b);
    for (const session of [a, b]) {
      expect(session.log.item('wifi-survey').conflict).toBe(false);
      expect(session.answers.get('wifi-survey')).toMatchObject({
        notes: 'from A',
        updatedBy: supervisor,
      });
    }
    expect(verifyRunLog(run.id, a.events)).toMatchObject({ ok: true });
  });

  it('refuses to resolve what is not in conflict or with an answer that is not a head', () => {
    const { a, b } = devices();
    a.must(note('only'));
    expect(resolveConflict(a.context(admin), 'wifi-survey', 'f'.repeat(64))).toMatchObject({
      ok: false,
      error: { code: 'no-conflict' },
    });
    b.must(note('other'));
    sync(a, b);
    expect(resolveConflict(a.context(admin), 'wifi-survey', 'f'.repeat(64))).toMatchObject({
      ok: false,
      error: { code: 'no-conflict' },
    });
  });

  it('applies events in causal order, holding back those whose past is missing', () => {
    const { a, b } = devices();
    a.must(note('one'));
    sync(a, b);
    b.must(note('two'));
    const c = new Session(run, undefined, 'device-c');
    // B's event arrives before the A event it was built on.
    expect(c.log.add(b.events.find((e) => e.chain === 'device-b') as RunEvent)).toBe('pending');
    expect(c.log.size).toBe(0);
    c.log.addAll(a.events);
    expect(c.log.pendingCount).toBe(0);
    expect(c.answers.get('wifi-survey')?.notes).toBe('two');
  });

  it('rejects a second, different event at a place a device log already holds', () => {
    const { a } = devices();
    a.must(note('one'));
    const forked = recordEvent(
      { ...(a.events[0] as RunEvent), payload: { ...(a.events[0] as RunEvent).payload } },
      'device-a',
      null,
      { 'device-z': 0 },
    );
    const other = { ...forked, at: '2030-01-01T00:00:00.000Z', hash: 'e'.repeat(64) };
    expect(a.log.add(other)).toMatchObject({ rejected: expect.stringContaining('forked') });
  });
});

describe('verifying a shared run log', () => {
  function history(): RunEvent[] {
    const { a, b } = devices();
    a.must(note('one'), done('desk-phones'));
    sync(a, b);
    b.must(note('two'));
    a.must({ type: 'setNotes', itemId: 'av-policy', notes: 'Licences ordered.' });
    sync(a, b);
    a.must(note('three'));
    return a.events;
  }

  it('accepts an honest history and names each chain head', () => {
    const events = history();
    const verified = verifyRunLog(run.id, events);
    expect(verified).toMatchObject({ ok: true });
    if (!verified.ok) return;
    expect(verified.chains.map((c) => [c.chain, c.length])).toEqual([
      ['device-a', 4],
      ['device-b', 1],
    ]);
  });

  it('catches a clock that claims to have seen an event that does not exist', () => {
    const events = history();
    const index = events.findIndex((e) => e.chain === 'device-b');
    const forged = { ...(events[index] as RunEvent), clock: { 'device-a': 1, 'device-z': 3 } };
    events[index] = recordEvent(forged, 'device-b', null, forged.clock);
    expect(verifyRunLog(run.id, events)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('missing'),
    });
  });

  it('catches an event whose "before" was fabricated, even when its chain is intact', () => {
    const { a, b } = devices();
    a.must(note('one'));
    sync(a, b);
    // B records on top of a state that never existed, and hashes it properly.
    const honest = b.apply(note('two'));
    if (!honest.ok) throw new Error('refused');
    const said = answerAfter(honest.event);
    if (!said) throw new Error('not an item event');
    const draft = {
      ...honest.event,
      payload: {
        ...(honest.event.payload as ItemEventPayload),
        before: { ...said, notes: 'never said' },
      },
    };
    const lie = recordEvent(draft, 'device-b', null, { 'device-a': 1 });
    expect(verifyRunLog(run.id, [...a.events, lie])).toMatchObject({
      ok: false,
      chain: 'device-b',
      reason: expect.stringContaining('before'),
    });
  });

  it('catches an answer store that disagrees with the merge', () => {
    const { a } = devices();
    a.must(note('one'));
    const answers = new Map(a.answers);
    const stored = answers.get('wifi-survey');
    if (!stored) throw new Error('no answer');
    answers.set('wifi-survey', { ...stored, notes: 'edited' });
    expect(verifyAnswersAgainstLog(answers, a.log.answers())).toEqual(['wifi-survey']);
  });
});
