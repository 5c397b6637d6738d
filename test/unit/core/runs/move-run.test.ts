// Moving a run in progress to a newer version of its template: a preview item by item, one event
// in the history, answers carried by id, re-checks named until the item is touched again, removed
// items' answers kept in the history; refused when it cannot be right.
import { describe, expect, it } from 'vitest';
import { definitionSchema, type ChecklistDefinition } from '../../../../core/definitions/schema';
import {
  moveRun,
  pendingRechecks,
  planMove,
  resolveConflict,
  RUN_ITEM_ID,
  settingsOf,
  verifyRunLog,
  type RunEvent,
} from '../../../../core/runs';
import { admin, definition, done, input, makeRun, Session } from './fixtures';

/** 1.3.0: the speed test asks for more, the fax line is gone, a new emergency-call item. */
const next: ChecklistDefinition = definitionSchema
  .parse({
    ...input,
    version: '1.3.0',
    parameters: [
      ...(input.parameters ?? []),
      { id: 'hasSoftphones', label: 'Softphones', type: 'boolean' },
    ],
    sections: input.sections.map((section) => ({
      ...section,
      items: section.items
        .filter((item) => item.id !== 'fax-line')
        .map((item) => (item.id === 'speed-test' ? { ...item, min: 300 } : item))
        .map((item) => (item.id === 'desk-phones' ? { ...item, dependsOn: [] } : item)),
    })),
  })
  .valueOf() as ChecklistDefinition;
next.sections[0]?.items.push(
  definitionSchema.shape.sections.element.shape.items.element.parse({
    id: 'emergency-calls',
    title: 'Emergency calls reach the local centre with the address',
    type: 'check',
    severity: 'blocking',
  }),
);
const NEXT_HASH = 'c'.repeat(64);

function inProgress(): Session {
  return new Session(makeRun({ parameters: { seats: 120, country: 'FR', hasDaas: false } })).must(
    { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['a', 'b'] } },
    done('core-switches'),
    { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 200 } },
    done('fax-line'),
    { type: 'setNotes', itemId: 'wifi-survey', notes: 'Two floors.' },
  );
}

const target = (
  parameters = { seats: 120, country: 'FR', hasDaas: false, hasSoftphones: true },
) => ({
  definition: next,
  hash: NEXT_HASH,
  parameters,
});

describe('planMove', () => {
  it('shows what carries over, what is new, what is gone and what must be checked again', () => {
    const session = inProgress();
    const plan = planMove({ definition, settings: settingsOf(session.run) }, session.log, target());
    expect(plan.carried.sort()).toEqual(['core-switches', 'speed-test', 'wifi-survey']);
    expect(plan.removed).toEqual(['fax-line']);
    expect(plan.added).toEqual(['emergency-calls']);
    expect(plan.recheck).toEqual([
      { itemId: 'speed-test', reasons: [expect.stringContaining('min changed from 100 to 300')] },
    ]);
    expect(plan.to).toMatchObject({ definitionVersion: '1.3.0', definitionHash: NEXT_HASH });
    expect(plan.parameterProblems).toEqual([]);
  });
});

describe('moveRun', () => {
  it('is one event on the run; answers stay; re-checks clear when the item is touched', () => {
    const session = inProgress();
    const moved = session.keep(moveRun(session.context(admin), target()));
    expect(moved).toMatchObject({
      ok: true,
      event: {
        type: 'moveToVersion',
        itemId: RUN_ITEM_ID,
        payload: {
          before: null,
          after: { definitionVersion: '1.3.0', parameters: { hasSoftphones: true } },
          action: { removed: ['fax-line'], added: ['emergency-calls'] },
        },
      },
    });
    expect(session.log.settings().answer?.definitionVersion).toBe('1.3.0');
    // The answer of the removed item stays in the history.
    expect(session.answers.get('fax-line')?.status).toBe('done');
    expect(pendingRechecks(session.log).map((entry) => entry.itemId)).toEqual(['speed-test']);

    session.run = { ...session.run, ...session.log.settings().answer };
    const onNext = new Session(session.run, next, session.chain);
    onNext.log.addAll(session.events);
    onNext.must({ type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 480 } });
    expect(pendingRechecks(onNext.log)).toEqual([]);
    expect(verifyRunLog(session.run.id, onNext.events)).toMatchObject({ ok: true });
  });

  it('is refused once signed, to another template, to the same version, or without new parameters', () => {
    const session = inProgress();
    const code = (result: ReturnType<typeof moveRun>) => (result.ok ? 'ok' : result.error.code);
    expect(code(moveRun(session.context(admin), target({ seats: 120 } as never)))).toBe(
      'move-refused',
    );
    expect(
      moveRun(session.context(admin), { ...target(), hash: session.run.definitionHash }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already on version/) } });
    expect(
      moveRun(session.context(admin), {
        ...target(),
        definition: { ...next, id: 'client-onboarding' },
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/another version of it/) },
    });
    session.run = { ...session.run, state: 'signed' };
    expect(moveRun(session.context(admin), target())).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/signed off/) },
    });
  });

  it('two concurrent moves conflict until a person keeps one; undo never takes a move back', () => {
    const a = inProgress();
    const b = new Session(a.run, definition, 'device-b');
    b.log.addAll(a.events);
    a.keep(moveRun(a.context(admin), target()));
    b.keep(moveRun(b.context(admin), { ...target(), hash: 'd'.repeat(64) }));
    a.log.addAll(b.events);
    expect(a.log.conflictIds().has(RUN_ITEM_ID)).toBe(true);
    expect(a.undo(admin)).toMatchObject({ ok: false, error: { code: 'nothing-to-undo' } });
    const keep = a.log
      .settings()
      .heads.find(
        (head) => (head.payload.after as { definitionHash: string }).definitionHash === NEXT_HASH,
      ) as RunEvent;
    expect(a.keep(resolveConflict(a.context(admin), RUN_ITEM_ID, keep.hash)).ok).toBe(true);
    expect(a.log.settings()).toMatchObject({
      conflict: false,
      answer: { definitionHash: NEXT_HASH },
    });
    expect(pendingRechecks(a.log).map((entry) => entry.itemId)).toEqual(['speed-test']);
    expect(verifyRunLog(a.run.id, a.events)).toMatchObject({ ok: true });
  });
});
