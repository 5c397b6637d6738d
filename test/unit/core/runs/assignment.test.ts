// Reassigning items on a shared run (issue 13, point 4): the owner hands an item to another
// department or to one person; the assignment is part of the item's answer, so it is an event in the
// history, merges by the same rule as every other change (two concurrent reassignments that
// disagree are a conflict for a person to resolve), verifies, and moves the item in "My items",
// "Ready for you", the department chain and the waiting-on view.
import { describe, expect, it } from 'vitest';
import {
  answerAfter,
  departmentChain,
  itemsOfDepartments,
  myItemIds,
  readyForYou,
  resolveConflict,
  runVisibility,
  verifyRunLog,
  waitingOnView,
  type Action,
  type Actor,
} from '../../../../core/runs';
import { parseRunEvent } from '../../../../core/runs/run-event-schema';
import { signOff, verifyReport, type ReportBody } from '../../../../core/reports';
import { admin, completeRun, definition, done, makeRun, Session, supervisor } from './fixtures';
import { adminSigner, body as reportBody, defaultTrust, SIGNED_AT } from '../reports/fixtures';

const run = makeRun();
const nils: Actor = { id: 'u-nils', name: 'Nils Network', role: 'engineer' };
const coordinator: Actor = { id: 'u-tam', name: 'Tara Account', role: 'coordinator' };

const assign = (itemId: string, department: string, person?: { id: string; name: string }) =>
  ({ type: 'assign', itemId, department, ...(person ? { person } : {}) }) as Action;

const toNils = { id: 'u-nils', name: 'Nils Network' };

describe('the assign action', () => {
  it('records the new department on the answer and as an event in the item history', () => {
    const owner = new Session(run, definition, 'laptop-owner');
    owner.must(assign('backup-target', 'network'));
    expect(owner.answers.get('backup-target')).toMatchObject({
      status: 'open',
      assignee: { department: 'network' },
      updatedBy: admin,
    });
    const [event] = owner.log.eventsOfItem('backup-target');
    expect(event).toMatchObject({ type: 'assign', payload: { before: null } });
    expect(parseRunEvent(JSON.parse(JSON.stringify(event))).ok).toBe(true);
  });

  it('keeps the answer when an item is reassigned, and back to its own department clears it', () => {
    const owner = new Session(run, definition, 'laptop-owner');
    owner.must(
      { type: 'setNotes', itemId: 'backup-target', notes: 'NAS in rack 2.' },
      assign('backup-target', 'network', toNils),
    );
    expect(owner.answers.get('backup-target')).toMatchObject({
      notes: 'NAS in rack 2.',
      assignee: { department: 'network', person: toNils },
    });
    owner.must(assign('backup-target', 'backup'));
    expect(owner.answers.get('backup-target')?.assignee).toBeUndefined();
    expect(owner.answers.get('backup-target')?.notes).toBe('NAS in rack 2.');
  });

  it('is allowed to an administrator or coordinator only, and only to a department of the run', () => {
    const session = new Session(run, definition, 'laptop');
    expect(session.refused(assign('backup-target', 'network'), nils)).toBe('assign-refused');
    expect(session.refused(assign('backup-target', 'network'), supervisor)).toBe('assign-refused');
    expect(session.refused(assign('backup-target', 'kitchen'))).toBe('assign-refused');
    expect(session.refused(assign('backup-target', 'backup'))).toBe('assign-refused');
    expect(session.refused(assign('backup-target', 'network', { id: '', name: 'Nobody' }))).toBe(
      'assign-refused',
    );
    expect(session.apply(assign('backup-target', 'network'), coordinator).ok).toBe(true);
    expect(session.refused(assign('backup-target', 'network'))).toBe('assign-refused');
  });

  it('can be undone like any other change', () => {
    const owner = new Session(run, definition, 'laptop-owner');
    owner.must(assign('av-policy', 'network'));
    expect(owner.undo().ok).toBe(true);
    expect(owner.answers.get('av-policy')?.assignee).toBeUndefined();
  });
});

describe('where a reassigned item shows', () => {
  it('moves to the new department in My items, the chain and the waiting-on view', () => {
    const owner = new Session(run, definition, 'laptop-owner');
    owner.must(assign('backup-target', 'network'));
    const visibility = runVisibility(definition, run);
    const network = itemsOfDepartments(visibility, ['network'], owner.answers).map(
      (ref) => ref.item.id,
    );
    expect(network).toContain('backup-target');
    expect(itemsOfDepartments(visibility, ['backup'], owner.answers)).toEqual([]);
    const chain = departmentChain(definition, run, owner.log, {}, '2025-05-31');
    expect(chain.find((d) => d.department === 'backup')).toBeUndefined();
    expect(chain.find((d) => d.department === 'network')?.total).toBe(5);
    const waits = waitingOnView(definition, run, owner.answers);
    const onSwitches = waits
      .flatMap((group) => group.dependencies)
      .find((dependency) => dependency.itemId === 'core-switches');
    expect(onSwitches?.waiting.find((w) => w.itemId === 'backup-target')).toMatchObject({
      department: 'network',
      crossDepartment: true,
    });
  });

  it("is the named person's only, and is Ready for them once its dependency is done elsewhere", () => {
    const owner = new Session(run, definition, 'laptop-owner');
    owner.must(assign('backup-target', 'network', toNils));
    const infra = new Session(run, definition, 'laptop-infra');
    infra.log.addAll(owner.events);
    infra.must(
      { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['a', 'b'] } },
      done('core-switches'),
    );
    const net = new Session(run, definition, 'laptop-net');
    net.log.addAll([...owner.events, ...infra.events]);
    const visible = runVisibility(definition, run).visible;
    const mine = myItemIds(visible, net.answers, { userId: 'u-nils', departments: ['network'] });
    const nora = myItemIds(visible, net.answers, { userId: 'u-nora', departments: ['network'] });
    const bea = myItemIds(visible, net.answers, { userId: 'u-bea', departments: ['backup'] });
    expect(mine.has('backup-target')).toBe(true);
    expect(nora.has('backup-target')).toBe(false);
    expect(bea.has('backup-target')).toBe(false);
    const ready = (userId: string) =>
      readyForYou(definition, run, net.log, { userId, departments: ['network'], chain: net.chain })
        .map((item) => item.itemId)
        .sort();
    expect(ready('u-nils')).toEqual(['backup-target', 'isp-lines']);
    expect(ready('u-nora')).toEqual(['isp-lines']);
  });
});

describe('reassignments on two laptops', () => {
  function laptops() {
    const a = new Session(run, definition, 'laptop-a');
    const b = new Session(run, definition, 'laptop-b');
    return { a, b, sync: () => [a, b].forEach((s) => s.log.addAll([...a.events, ...b.events])) };
  }

  it('two concurrent reassignments that disagree are a conflict, the same on both, until resolved', () => {
    const { a, b, sync } = laptops();
    a.must(assign('av-policy', 'network'));
    b.wait(30).apply(assign('av-policy', 'backup'), coordinator);
    sync();
    for (const session of [a, b]) {
      const merge = session.log.item('av-policy');
      expect(merge.conflict).toBe(true);
      expect(merge.heads.map((h) => answerAfter(h)?.assignee?.department).sort()).toEqual([
        'backup',
        'network',
      ]);
    }
    expect(a.answers.get('av-policy')).toEqual(b.answers.get('av-policy'));
    expect(a.refused(assign('av-policy', 'security'))).toBe('conflict-unresolved');
    const keep = a.log
      .item('av-policy')
      .heads.find((h) => answerAfter(h)?.assignee?.department === 'backup');
    expect(a.keep(resolveConflict(a.context(admin), 'av-policy', keep?.hash ?? '')).ok).toBe(true);
    sync();
    for (const session of [a, b]) {
      expect(session.log.item('av-policy').conflict).toBe(false);
      expect(session.answers.get('av-policy')?.assignee).toEqual({ department: 'backup' });
    }
    expect(verifyRunLog(run.id, a.events)).toMatchObject({ ok: true });
  });

  it('two concurrent reassignments to the same place agree', () => {
    const { a, b, sync } = laptops();
    a.must(assign('av-policy', 'network'));
    b.wait(3).must(assign('av-policy', 'network'));
    sync();
    expect(a.log.item('av-policy').conflict).toBe(false);
    expect(b.answers.get('av-policy')?.assignee).toEqual({ department: 'network' });
  });

  it('a reassignment seen before a tick carries through the tick', () => {
    const { a, b, sync } = laptops();
    a.must(assign('av-policy', 'network'));
    sync();
    b.wait(5).apply(
      { type: 'setValue', itemId: 'av-policy', value: { type: 'choice', choiceId: 'enforced' } },
      nils,
    );
    sync();
    expect(a.log.item('av-policy').conflict).toBe(false);
    expect(a.answers.get('av-policy')).toMatchObject({
      assignee: { department: 'network' },
      value: { choiceId: 'enforced' },
    });
  });
});

/** The report of the owner's finished run in which av-policy was handed to Nils of network. */
function reportWithReassignment(): ReportBody {
  const owner = new Session(run, definition, 'laptop-owner');
  completeRun(owner.must(assign('av-policy', 'network', toNils)));
  return reportBody({
    definition,
    run: owner.run,
    answers: owner.answers,
    events: owner.events,
    lessonsLearned: '',
  });
}

describe('a signed report with reassigned items', () => {
  it('verifies: the assign events are in its history and replay to its answers', async () => {
    const body = reportWithReassignment();
    expect(body.history?.events.some((event) => event.type === 'assign')).toBe(true);
    // The report (and its "who did what") names the department the item was handed to.
    const items = body.sections.flatMap((section) => section.items);
    expect(items.find((item) => item.id === 'av-policy')?.department).toBe('network');
    expect(items.find((item) => item.id === 'backup-target')?.department).not.toBe('network');
    const signed = await signOff(adminSigner, body, SIGNED_AT);
    const verdict = verifyReport(JSON.parse(JSON.stringify(signed)), await defaultTrust());
    expect(verdict.problems).toEqual([]);
    expect(verdict.valid).toBe(true);
  });

  it('is format 4: a report that claims format 3 yet holds a reassignment is refused, with where', async () => {
    const body = reportWithReassignment();
    expect(body.formatVersion).toBe(5);
    const signed = await signOff(adminSigner, { ...body, formatVersion: 3 }, SIGNED_AT);
    const verdict = verifyReport(JSON.parse(JSON.stringify(signed)), await defaultTrust());
    expect(verdict.valid).toBe(false);
    const at = body.history?.events.findIndex((event) => event.type === 'assign');
    expect(verdict.problems).toContainEqual(
      expect.objectContaining({
        code: 'invalid-shape',
        path: `body.history.events[${at}]`,
        message: expect.stringContaining('format version 4') as string,
      }),
    );
  });
});
