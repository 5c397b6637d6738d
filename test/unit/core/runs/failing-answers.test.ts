// A failing answer never passes as done by accident (issue 16, point 1), and thresholds follow the
// run (issue 15): the one rule "is this answer failing, and why" (evaluateItem) with expression and
// item-reference bounds, the refusal of `done` without acceptFailing and a reason, what is recorded,
// and what the gate does with it. One golden case per rule.
import { describe, expect, it } from 'vitest';
import { definitionSchema, type DefinitionInput } from '../../../../core/definitions/schema';
import {
  buildStatusDigest,
  evaluateGate,
  evaluateItem,
  findItem,
  judgeContext,
  type Action,
  type Answer,
} from '../../../../core/runs';
import { admin, approveWaiver, at, done, input, makeRun, Session } from './fixtures';

type ItemInput = DefinitionInput['sections'][number]['items'][number];

/** A definition with the seats/rooms parameters and the given items in one section. */
function definitionWith(items: ItemInput[]) {
  return definitionSchema.parse({
    ...input,
    parameters: [
      { id: 'seats', label: 'Seats', type: 'number' },
      { id: 'rooms', label: 'Meeting rooms', type: 'number' },
      { id: 'hasDr', label: 'Disaster recovery site', type: 'boolean' },
    ],
    sections: [{ id: 'only', title: 'Only', department: 'network', items }],
  });
}

const ITEMS: ItemInput[] = [
  {
    id: 'isp-lines',
    title: 'ISP lines',
    type: 'count',
    min: 2,
    unit: 'ISP line',
    severity: 'blocking',
  },
  { id: 'availability', title: 'Monitoring coverage', type: 'number', unit: '%', min: 90 },
  {
    id: 'av-policy',
    title: 'Antivirus policy',
    type: 'choice',
    severity: 'minor',
    choices: [
      { id: 'enforced', label: 'Enforced', acceptable: true },
      { id: 'disabled', label: 'Disabled', acceptable: false },
    ],
  },
  { id: 'desks-tested', title: 'Desks tested', type: 'count', min: 'seats', unit: 'desk' },
  {
    id: 'access-points',
    title: 'Access points',
    type: 'count',
    min: 'max(2, ceil(seats / 20))',
    unit: 'access point',
  },
  {
    id: 'seats-per-room',
    title: 'Seats per room',
    type: 'number',
    unit: 'seats',
    max: 'seats / rooms',
  },
  { id: 'rto-hours', title: 'Signed RTO', type: 'number', unit: 'hours', when: 'hasDr' },
  {
    id: 'restore-hours',
    title: 'Restore timed',
    type: 'number',
    unit: 'hours',
    max: { item: 'rto-hours' },
    dependsOn: ['rto-hours'],
    severity: 'blocking',
  },
  { id: 'spares-planned', title: 'Spares planned', type: 'number', unit: 'machine' },
  {
    id: 'spares-ready',
    title: 'Spare machines named',
    type: 'count',
    unit: 'machine',
    min: { item: 'spares-planned' },
    dependsOn: ['spares-planned'],
  },
];

const definition = definitionWith(ITEMS);
const run = (parameters = { seats: 120, rooms: 4, hasDr: true }) => makeRun({ parameters });
const session = (parameters?: { seats: number; rooms: number; hasDr: boolean }) =>
  new Session(run(parameters), definition);

const legs = (n: number) => Array.from({ length: n }, (_, i) => `leg-${i + 1}`);
type SetValue = Extract<Action, { type: 'setValue' }>;
const count = (itemId: string, n: number): SetValue => ({
  type: 'setValue',
  itemId,
  value: { type: 'count', legs: legs(n) },
});
const number = (itemId: string, value: number): SetValue => ({
  type: 'setValue',
  itemId,
  value: { type: 'number', value },
});

function evaluationOf(s: Session, itemId: string) {
  const item = findItem(definition, itemId)?.item;
  if (!item) throw new Error(itemId);
  return evaluateItem(item, s.answers.get(itemId), judgeContext(definition, s.run, s.answers));
}

function refusal(s: Session, action: Action) {
  const result = s.apply(action);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('marking a failing answer done', () => {
  it('is refused with the failure named, and nothing is recorded', () => {
    const s = session().must(count('isp-lines', 1));
    const events = s.events.length;
    expect(refusal(s, done('isp-lines'))).toEqual({
      code: 'value-failing',
      message:
        '"ISP lines" fails its check: 1 of 2 ISP lines named. Mark it done anyway with a reason, or keep it open.',
      details: {
        failing: {
          failure: '1 of 2 ISP lines named.',
          failureDetail: {
            kind: 'too-few',
            named: 1,
            required: 2,
            unit: 'ISP line',
            source: { kind: 'fixed' },
          },
        },
      },
    });
    expect(s.events).toHaveLength(events);
    expect(s.answers.get('isp-lines')?.status).toBe('open');
  });

  it.each([
    [
      'a number below its minimum',
      number('availability', 75),
      'availability',
      '75 % is below the minimum of 90 %.',
    ],
    [
      'a choice that is not acceptable',
      {
        type: 'setValue',
        itemId: 'av-policy',
        value: { type: 'choice', choiceId: 'disabled' },
      } as Action,
      'av-policy',
      '"Disabled" is not acceptable.',
    ],
  ])('is refused for %s', (_, value, itemId, failure) => {
    const s = session().must(value);
    const error = refusal(s, done(itemId));
    expect(error.code).toBe('value-failing');
    expect(error.details?.failing?.failure).toBe(failure);
  });

  it('needs a reason when accepted', () => {
    const s = session().must(count('isp-lines', 1));
    expect(
      refusal(s, {
        type: 'setStatus',
        itemId: 'isp-lines',
        status: 'done',
        acceptFailing: true,
        reason: '  ',
      }),
    ).toMatchObject({
      code: 'reason-required',
      message: expect.stringContaining('1 of 2 ISP lines named.'),
    });
  });

  it('records the acknowledgement in the answer and the event', () => {
    const s = session().must(count('isp-lines', 1));
    const action: Action = {
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'done',
      acceptFailing: true,
      reason: ' Second line is delivered on Monday. ',
    };
    const result = s.apply(action);
    if (!result.ok) throw new Error(result.error.message);
    const accepted = {
      reason: 'Second line is delivered on Monday.',
      failure: '1 of 2 ISP lines named.',
      by: admin,
      at: at(0),
    };
    expect(result.answer).toMatchObject({ status: 'done', acceptedFailure: accepted });
    expect(result.event.payload.action).toEqual(action);
    expect(evaluationOf(s, 'isp-lines')).toMatchObject({ failing: true, accepted });
  });

  it('stores nothing when the value passes (acceptFailing is only an acknowledgement)', () => {
    const s = session().must(count('isp-lines', 2), {
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'done',
      acceptFailing: true,
      reason: 'Not needed.',
    });
    expect(s.answers.get('isp-lines')?.acceptedFailure).toBeUndefined();
  });

  it('asks again when a done item is changed to fail, and not when it fails as accepted', () => {
    const s = session().must(count('isp-lines', 2), done('isp-lines'));
    expect(refusal(s, count('isp-lines', 1)).code).toBe('value-failing');
    expect(s.answers.get('isp-lines')?.value).toEqual({ type: 'count', legs: legs(2) });
    s.must({ ...count('isp-lines', 1), acceptFailing: true, reason: 'Line 2 cancelled.' });
    expect(s.answers.get('isp-lines')?.acceptedFailure?.failure).toBe('1 of 2 ISP lines named.');
    // The same failing value again (a field committed twice): nothing new to accept.
    s.must(count('isp-lines', 1));
    expect(s.answers.get('isp-lines')?.acceptedFailure?.reason).toBe('Line 2 cancelled.');
    // Another failure is another choice.
    expect(refusal(s, count('isp-lines', 0)).code).toBe('value-failing');
    // Passing again clears the acknowledgement.
    s.must(count('isp-lines', 3));
    expect(s.answers.get('isp-lines')?.acceptedFailure).toBeUndefined();
  });

  it('is cleared when the item leaves done', () => {
    const s = session().must(count('isp-lines', 1), {
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'done',
      acceptFailing: true,
      reason: 'Later.',
    });
    s.must({ type: 'setStatus', itemId: 'isp-lines', status: 'open' });
    expect(s.answers.get('isp-lines')?.acceptedFailure).toBeUndefined();
    expect(refusal(s, done('isp-lines')).code).toBe('value-failing');
  });
});

describe('the gate and failing answers', () => {
  it('lists every failing visible item, and a failing blocking item holds the gate until waived', () => {
    const s = session().must(count('isp-lines', 1), {
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'done',
      acceptFailing: true,
      reason: 'Line 2 on Monday.',
    });
    s.must(number('availability', 75));
    let gate = evaluateGate(definition, s.run, s.answers);
    expect(gate.reasons.find((reason) => reason.itemId === 'isp-lines')).toMatchObject({
      why: 'failing',
      detail: '1 of 2 ISP lines named.',
    });
    expect(gate.failing.map((f) => [f.itemId, f.severity, f.status, f.isWaived])).toEqual([
      ['isp-lines', 'blocking', 'done', false],
      ['availability', 'major', 'open', false],
    ]);
    expect(gate.failing[0]?.accepted?.reason).toBe('Line 2 on Monday.');

    s.must({ type: 'waive', itemId: 'isp-lines', justification: 'Accepted by the client.' });
    approveWaiver(s, 'isp-lines');
    gate = evaluateGate(definition, s.run, s.answers);
    expect(gate.reasons.map((reason) => reason.itemId)).not.toContain('isp-lines');
    expect(gate.failing[0]).toMatchObject({ itemId: 'isp-lines', isWaived: true });
  });
});

describe('the status digest and failing answers', () => {
  it('says which failing checks were marked done anyway, and why', () => {
    const s = session().must(number('availability', 75), {
      type: 'setStatus',
      itemId: 'availability',
      status: 'done',
      acceptFailing: true,
      reason: 'Two probes still\nbeing installed.',
    });
    const { failing } = buildStatusDigest(definition, s.run, s.answers, '2025-05-31');
    expect(failing).toContainEqual({
      title: 'Monitoring coverage',
      severity: 'major',
      failure: expect.objectContaining({ kind: 'below-min', value: 75, bound: 90 }),
      acceptedReason: 'Two probes still\nbeing installed.',
    });
  });
});

describe('thresholds that follow the run', () => {
  it("a count's minimum from a parameter: every desk", () => {
    const s = session({ seats: 3, rooms: 1, hasDr: false }).must(count('desks-tested', 2));
    expect(evaluationOf(s, 'desks-tested')).toMatchObject({
      failing: true,
      failure: '2 of 3 desks named (from seats).',
      failureDetail: {
        kind: 'too-few',
        named: 2,
        required: 3,
        source: { kind: 'expression', expression: 'seats' },
      },
    });
    s.must(count('desks-tested', 3));
    expect(evaluationOf(s, 'desks-tested').failing).toBe(false);
  });

  it("a count's expression is rounded up, and scales with the run", () => {
    // 120 seats: max(2, ceil(120 / 20)) = 6; 10 seats: max(2, 1) = 2.
    expect(evaluationOf(session().must(count('access-points', 5)), 'access-points').failure).toBe(
      '5 of 6 access points named (from max(2, ceil(seats / 20))).',
    );
    const small = session({ seats: 10, rooms: 1, hasDr: false }).must(count('access-points', 2));
    expect(evaluationOf(small, 'access-points').failing).toBe(false);
  });

  it('a number bound from an expression is used as it is', () => {
    const s = session().must(number('seats-per-room', 31));
    expect(evaluationOf(s, 'seats-per-room').failure).toBe(
      '31 seats is above the maximum of 30 seats (from seats / rooms).',
    );
    s.must(number('seats-per-room', 30));
    expect(evaluationOf(s, 'seats-per-room').failing).toBe(false);
  });

  it('a bound that cannot be worked out fails with the reason, never passes silently', () => {
    const s = session({ seats: 120, rooms: 0, hasDr: false }).must(number('seats-per-room', 1));
    expect(evaluationOf(s, 'seats-per-room')).toMatchObject({
      failing: true,
      failure:
        'The maximum "seats / rooms" could not be worked out for this run: it divides by zero.',
      failureDetail: { kind: 'bound-unknown', side: 'max' },
    });
    const old = new Session(makeRun({ parameters: {} }), definition).must(count('desks-tested', 4));
    expect(evaluationOf(old, 'desks-tested').failure).toBe(
      'The minimum "seats" could not be worked out for this run: the run has no number for "seats".',
    );
  });

  it('an item reference judges against the other answer: pending, known, not applicable, hidden', () => {
    const s = session().must(number('restore-hours', 5));
    expect(evaluationOf(s, 'restore-hours')).toEqual({
      resolved: false,
      failing: false,
      pendingBounds: [{ side: 'max', itemId: 'rto-hours', title: 'Signed RTO' }],
    });
    s.must(number('rto-hours', 4));
    expect(evaluationOf(s, 'restore-hours')).toMatchObject({
      failing: true,
      failure: '5 hours is above the maximum of 4 hours (the answer to "Signed RTO").',
      failureDetail: {
        kind: 'above-max',
        bound: 4,
        source: { kind: 'item', itemId: 'rto-hours', title: 'Signed RTO' },
      },
    });
    // Changing the signed figure re-judges the measured one.
    s.must(number('rto-hours', 6));
    expect(evaluationOf(s, 'restore-hours').failing).toBe(false);
    s.must({ type: 'setStatus', itemId: 'rto-hours', status: 'not-applicable', reason: 'No RTO.' });
    expect(evaluationOf(s, 'restore-hours')).toEqual({ resolved: false, failing: false });
    const hidden = session({ seats: 120, rooms: 4, hasDr: false }).must(
      number('restore-hours', 99),
    );
    expect(evaluationOf(hidden, 'restore-hours')).toEqual({ resolved: false, failing: false });
  });

  it('an acknowledgement covers the failure it saw: a lowered bound fails the item unacknowledged', () => {
    const s = session().must(
      number('rto-hours', 4),
      done('rto-hours'),
      number('restore-hours', 5),
      {
        type: 'setStatus',
        itemId: 'restore-hours',
        status: 'done',
        acceptFailing: true,
        reason: 'Tape library slow.',
      },
    );
    expect(evaluationOf(s, 'restore-hours').accepted?.reason).toBe('Tape library slow.');
    s.must({ type: 'setStatus', itemId: 'rto-hours', status: 'open' }, number('rto-hours', 3));
    const evaluation = evaluationOf(s, 'restore-hours');
    expect(evaluation.failure).toBe(
      '5 hours is above the maximum of 3 hours (the answer to "Signed RTO").',
    );
    expect(evaluation.accepted).toBeUndefined();
    const gate = evaluateGate(definition, s.run, s.answers);
    const entry = gate.failing.find((f) => f.itemId === 'restore-hours');
    expect(entry?.status).toBe('done');
    expect(entry?.accepted).toBeUndefined();
  });

  it("a count's item reference is rounded up", () => {
    const s = session().must(number('spares-planned', 2.5), count('spares-ready', 2));
    expect(evaluationOf(s, 'spares-ready').failure).toBe(
      '2 of 3 machines named (the answer to "Spares planned").',
    );
  });

  it('an item-bound measurement above the signed target fails done and holds the gate (blocking)', () => {
    const s = session().must(number('rto-hours', 4), done('rto-hours'), number('restore-hours', 5));
    expect(refusal(s, done('restore-hours')).details?.failing?.failureDetail).toMatchObject({
      kind: 'above-max',
      value: 5,
      bound: 4,
    });
    s.must({
      type: 'setStatus',
      itemId: 'restore-hours',
      status: 'done',
      acceptFailing: true,
      reason: 'Tape library slow.',
    });
    const gate = evaluateGate(definition, s.run, s.answers);
    expect(gate.reasons.find((reason) => reason.itemId === 'restore-hours')?.why).toBe('failing');
  });
});

describe('the judge works on anything with a status and a value', () => {
  it('a report-like answer (no run id, no history) is judged the same', () => {
    const item = findItem(definition, 'availability')?.item;
    if (!item) throw new Error('availability');
    const answers = new Map<string, Pick<Answer, 'status' | 'value'>>();
    const context = judgeContext(definition, run(), answers);
    expect(
      evaluateItem(item, { status: 'done', value: { type: 'number', value: 89.5 } }, context)
        .failure,
    ).toBe('89.5 % is below the minimum of 90 %.');
  });
});
