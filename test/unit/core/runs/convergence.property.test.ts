// Property (shared runs): 2 to 5 devices make random changes to one run, exchange events through
// random partial syncs in random orders, resolve some conflicts, and finally all sync. Whatever
// happened, every device then holds the same events, shows the same answers and the same
// conflicts, and the history verifies. Changes include the owner's reassignments of items.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  resolveConflict,
  verifyAnswersAgainstLog,
  verifyRunLog,
  RunLog,
  type Action,
  type RunEvent,
} from '../../../../core/runs';
import { buildReportBody, reportHash } from '../../../../core/reports';
import { admin, definition, done, makeRun, Session, supervisor } from './fixtures';

const items = ['wifi-survey', 'desk-phones', 'av-policy', 'backup-target', 'core-switches'];

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant('setNotes' as const),
    itemId: fc.constantFrom(...items),
    notes: fc.constantFrom('a', 'b', 'checked', ''),
  }),
  fc.constantFrom(...items).map(done),
  fc.record({
    type: fc.constant('setStatus' as const),
    itemId: fc.constantFrom(...items),
    status: fc.constantFrom('open' as const, 'blocked' as const, 'not-applicable' as const),
    reason: fc.constantFrom('Late delivery.', 'Not here.'),
  }),
  // The owner reassigns items (the supervisor's attempts are refused, as they must be).
  fc.record({
    type: fc.constant('assign' as const),
    itemId: fc.constantFrom(...items),
    department: fc.constantFrom('network', 'security', 'backup'),
  }),
  fc.record({
    type: fc.constant('setValue' as const),
    itemId: fc.constant('backup-target'),
    value: fc.constantFrom(
      { type: 'text' as const, text: 'NAS-01' },
      { type: 'text' as const, text: 'NAS-02' },
    ),
  }),
);

type Step =
  | { kind: 'act'; device: number; action: Action }
  | { kind: 'undo'; device: number }
  | { kind: 'resolve'; device: number; pick: number }
  | { kind: 'sync'; from: number; to: number; shuffle: number[] };

const step = (devices: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('act' as const),
        device: fc.nat(devices - 1),
        action,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('undo' as const), device: fc.nat(devices - 1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('resolve' as const),
        device: fc.nat(devices - 1),
        pick: fc.nat(4),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('sync' as const),
        from: fc.nat(devices - 1),
        to: fc.nat(devices - 1),
        shuffle: fc.array(fc.nat(1000), { maxLength: 40 }),
      }),
    },
  );

/** Delivers `from`'s events to `to` in a scrambled order (the log must cope with any order). */
function deliver(from: Session, to: Session, shuffle: number[]): void {
  const events: RunEvent[] = [...from.events];
  shuffle.forEach((n, i) => {
    const j = n % events.length;
    const k = i % events.length;
    [events[j], events[k]] = [events[k] as RunEvent, events[j] as RunEvent];
  });
  for (const event of events) to.log.add(event);
}

function bodyOf(session: Session) {
  return buildReportBody({
    definition,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: '',
    signedAt: '2025-06-01T18:00:00.000Z',
    revision: 1,
    supersedes: null,
  });
}

function view(session: Session): string {
  const answers = [...session.answers].sort(([a], [b]) => (a < b ? -1 : 1));
  return canonicalJson({ answers, conflicts: [...session.log.conflictIds()].sort() });
}

describe('property: shared runs converge', () => {
  it('any devices, edits, partitions and delivery orders end in the same run', () => {
    let conflictsSeen = 0;
    let resolutions = 0;
    let reportsCompared = 0;
    let assignments = 0;
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 5 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(step(n), { minLength: 5, maxLength: 60 })),
          ),
        ([count, steps]) => {
          const run = makeRun();
          const sessions = Array.from(
            { length: count },
            (_, i) => new Session(run, undefined, `device-${i}`),
          );
          for (const s of steps) {
            if (s.kind === 'act') {
              const session = sessions[s.device] as Session;
              const result = session.wait(1).apply(s.action, s.device % 2 ? supervisor : admin);
              if (result.ok && s.action.type === 'assign') assignments += 1;
            } else if (s.kind === 'undo') {
              (sessions[s.device] as Session).undo(admin);
            } else if (s.kind === 'resolve') {
              const session = sessions[s.device] as Session;
              const [itemId] = [...session.log.conflictIds()];
              if (!itemId) continue;
              conflictsSeen += 1;
              const heads = session.log.item(itemId).heads;
              const keep = heads[s.pick % heads.length] as RunEvent;
              const result = session.keep(
                resolveConflict(session.context(admin), itemId, keep.hash),
              );
              expect(result.ok).toBe(true);
              resolutions += 1;
            } else {
              deliver(sessions[s.from] as Session, sessions[s.to] as Session, s.shuffle);
            }
          }
          // Everyone syncs with everyone, twice round so the last ones reach the first.
          for (let round = 0; round < 2; round++) {
            for (const from of sessions) for (const to of sessions) deliver(from, to, []);
          }
          const first = sessions[0] as Session;
          const expected = view(first);
          for (const session of sessions) {
            expect(session.log.pendingCount).toBe(0);
            expect(session.log.size).toBe(first.log.size);
            expect(view(session)).toBe(expected);
          }
          const events = first.events;
          expect(verifyRunLog(run.id, events)).toMatchObject({ ok: true });
          // A device rebuilding from the events alone (a restore, a verifier) gets the same run.
          const rebuilt = RunLog.of(run.id, [...events].reverse());
          expect(verifyAnswersAgainstLog(first.answers, rebuilt.answers())).toEqual([]);
          // In one batch (each item merged once, at the end) the same conflicts as event by event.
          expect([...rebuilt.conflictIds()].sort()).toEqual([...first.log.conflictIds()].sort());
          // And every device would sign the very same report (when nothing is left in conflict).
          if (first.log.conflictIds().size === 0) {
            const hashes = new Set(sessions.map((session) => reportHash(bodyOf(session))));
            expect(hashes.size).toBe(1);
            reportsCompared += 1;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(conflictsSeen).toBeGreaterThan(0);
    expect(resolutions).toBeGreaterThan(0);
    expect(reportsCompared).toBeGreaterThan(0);
    expect(assignments).toBeGreaterThan(0);
  });
});
