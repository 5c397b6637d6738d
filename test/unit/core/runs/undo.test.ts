import { describe, expect, it } from 'vitest';
import {
  undoLastAction,
  verifyAnswersAgainstEvents,
  verifyChain,
  type ChainedEvent,
} from '../../../../core/runs';
import { admin, done, Session, supervisor } from './fixtures';

function undo(session: Session) {
  const last = session.events.at(-1) as ChainedEvent;
  const result = undoLastAction({ run: session.run, actor: supervisor, now: session.now() }, last);
  if (!result.ok) throw new Error(result.error.message);
  session.record(result.answer, result.event);
  return { last, result };
}

describe('undoLastAction', () => {
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
    expect(verifyChain(session.events).ok).toBe(true);
    expect(verifyAnswersAgainstEvents(session.answers, session.events)).toEqual([]);
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

  it('is refused on a signed run and for another run', () => {
    const session = new Session().must(done('wifi-survey'));
    const last = session.events.at(-1) as ChainedEvent;
    const frozen = undoLastAction(
      { run: { ...session.run, state: 'signed' }, actor: admin, now: 'x' },
      last,
    );
    expect(frozen.ok || frozen.error.code).toBe('run-frozen');
    const other = undoLastAction(
      { run: { ...session.run, id: 'run-paris' }, actor: admin, now: 'x' },
      last,
    );
    expect(other.ok || other.error.code).toBe('wrong-run');
  });
});
