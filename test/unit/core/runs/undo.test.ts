import { describe, expect, it } from 'vitest';
import {
  verifyAnswersAgainstLog,
  verifyRunLog,
  type RecordResult,
  type RunEvent,
} from '../../../../core/runs';
import { admin, done, Session, supervisor } from './fixtures';

function undo(session: Session, actor = supervisor) {
  const last = session.events.at(-1) as RunEvent;
  const result = session.undo(actor);
  if (!result.ok) throw new Error(result.error.message);
  return { last, result: result as Extract<RecordResult, { ok: true }> };
}

describe('undoLast', () => {
  it('restores the answer before the last action and logs an undo naming it', () => {
    const session = new Session().must(done('wifi-survey')).wait(2).must({
      type: 'setNotes',
      itemId: 'wifi-survey',
      notes: 'oops',
    });
    const before = session.events.at(-1)?.payload.before;
    session.wait(1);
    const { last, result } = undo(session);
    expect(result.answer).toEqual({ ...before, updatedAt: session.now(), updatedBy: supervisor });
    expect(result.event).toMatchObject({
      type: 'undo',
      itemId: 'wifi-survey',
      actor: supervisor,
      at: session.now(),
      payload: {
        action: { type: 'undo', itemId: 'wifi-survey', undoneSeq: last.seq, undoneHash: last.hash },
      },
    });
    expect(result.event.payload.before).toEqual(last.payload.after);
    expect(verifyRunLog(session.run.id, session.events).ok).toBe(true);
    expect(verifyAnswersAgainstLog(session.answers, session.log.answers())).toEqual([]);
  });

  it('restores a fresh open answer when the item had none', () => {
    const session = new Session().must({
      type: 'setStatus',
      itemId: 'av-policy',
      status: 'blocked',
      reason: 'No licence',
    });
    const { result } = undo(session);
    expect(result.answer).toEqual({
      runId: 'run-berlin',
      itemId: 'av-policy',
      status: 'open',
      attachments: [],
      updatedAt: session.now(),
      updatedBy: supervisor,
    });
  });

  it('undoing the undo redoes', () => {
    const session = new Session().must(done('wifi-survey'));
    undo(session);
    expect(session.answers.get('wifi-survey')?.status).toBe('open');
    undo(session);
    expect(session.answers.get('wifi-survey')?.status).toBe('done');
  });

  it('is refused on a signed run and when nothing was done on this device', () => {
    const session = new Session().must(done('wifi-survey'));
    session.run = { ...session.run, state: 'signed' };
    expect(session.undo(admin)).toMatchObject({ ok: false, error: { code: 'run-frozen' } });
    expect(new Session().undo(admin)).toMatchObject({
      ok: false,
      error: { code: 'nothing-to-undo' },
    });
  });

  it('is refused once another device changed the item since', () => {
    const mine = new Session(undefined, undefined, 'device-a').must(done('wifi-survey'));
    const theirs = new Session(mine.run, undefined, 'device-b');
    theirs.log.addAll(mine.events);
    theirs.must({ type: 'setNotes', itemId: 'wifi-survey', notes: 'Checked the attic too.' });
    mine.log.addAll(theirs.events);
    expect(mine.undo(admin)).toMatchObject({ ok: false, error: { code: 'undo-superseded' } });
    expect(mine.answers.get('wifi-survey')?.notes).toBe('Checked the attic too.');
  });
});
