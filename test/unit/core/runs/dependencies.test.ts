import { describe, expect, it } from 'vitest';
import {
  criticalPath,
  runVisibility,
  waitingOn,
  waitingOnAll,
  waitingOnView,
  type AnswerMap,
  type Run,
} from '../../../../core/runs';
import { completeRun, definition, done, makeRun, Session, smallDefinition } from './fixtures';

describe('waitingOn', () => {
  it('lists unresolved visible dependencies with department and section', () => {
    const session = new Session();
    expect(waitingOn(definition, session.run, session.answers, 'firewall-change')).toEqual([
      {
        itemId: 'core-switches',
        title: 'Core switches',
        sectionId: 'infrastructure',
        department: 'infrastructure',
        status: 'open',
      },
    ]);
    session.must({
      type: 'setStatus',
      itemId: 'core-switches',
      status: 'blocked',
      reason: 'Delivery late.',
    });
    expect(waitingOn(definition, session.run, session.answers, 'firewall-change')[0]?.status).toBe(
      'blocked',
    );
    expect(waitingOn(definition, session.run, session.answers, 'nope')).toEqual([]);
  });

  it('hidden dependencies count as resolved', () => {
    const session = new Session();
    expect(waitingOn(definition, session.run, session.answers, 'desk-phones')).toEqual([]);
    const fr = makeRun({ parameters: { seats: 1, country: 'FR', hasDaas: false } });
    expect(waitingOn(definition, fr, session.answers, 'desk-phones').map((w) => w.itemId)).toEqual([
      'fax-line',
    ]);
  });
});

describe('waitingOnAll', () => {
  /** waitingOn asked item by item, for the visible items that wait on anything. */
  function itemByItem(run: Run, answers: AnswerMap) {
    return new Map(
      runVisibility(definition, run)
        .visible.map(
          (ref) => [ref.item.id, waitingOn(definition, run, answers, ref.item.id)] as const,
        )
        .filter(([, waiting]) => waiting.length > 0),
    );
  }

  it("is waitingOn for every visible item that waits, in the template's order", () => {
    const session = new Session();
    session.must(
      { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['a', 'b'] } },
      done('core-switches'),
      {
        type: 'setStatus',
        itemId: 'isp-lines',
        status: 'blocked',
        reason: 'Second line late.',
      },
    );
    const all = waitingOnAll(definition, session.run, session.answers);
    expect(all).toEqual(itemByItem(session.run, session.answers));
    expect([...all.keys()]).toEqual(['speed-test', 'failover-test']);
    expect(all.get('speed-test')?.map((w) => [w.itemId, w.status])).toEqual([
      ['isp-lines', 'blocked'],
    ]);
  });

  it('leaves out hidden items and counts hidden dependencies as resolved', () => {
    const session = new Session();
    const de = waitingOnAll(definition, session.run, session.answers);
    expect(de.has('desk-phones')).toBe(false);
    expect(de.has('fax-line')).toBe(false);
    const fr = makeRun({ parameters: { seats: 1, country: 'FR', hasDaas: false } });
    const inFrance = waitingOnAll(definition, fr, session.answers);
    expect(inFrance).toEqual(itemByItem(fr, session.answers));
    expect(inFrance.get('desk-phones')?.map((w) => w.itemId)).toEqual(['fax-line']);
  });

  it('answers for the items asked only, with the visibility given', () => {
    const session = new Session();
    const visibility = runVisibility(definition, session.run);
    const some = waitingOnAll(definition, session.run, session.answers, {
      visibility,
      itemIds: ['speed-test', 'core-switches', 'fax-line', 'nope'],
    });
    // core-switches waits on nothing, fax-line is hidden in Germany, nope is no item.
    expect([...some.keys()]).toEqual(['speed-test']);
    expect(some.get('speed-test')).toEqual(
      waitingOn(definition, session.run, session.answers, 'speed-test'),
    );
  });
});

describe('waitingOnView', () => {
  it('groups the waiting items by the department they wait on', () => {
    const session = new Session();
    const view = waitingOnView(definition, session.run, session.answers);
    expect(view.map((g) => g.department)).toEqual(['network', 'security', 'infrastructure']);
    const infra = view.find((g) => g.department === 'infrastructure');
    expect(infra?.departmentTitle).toBe('Infrastructure');
    expect(infra?.dependencies.map((d) => d.itemId)).toEqual(['core-switches']);
    expect(
      infra?.dependencies[0]?.waiting.map((w) => [w.itemId, w.department, w.crossDepartment]),
    ).toEqual([
      ['isp-lines', 'network', true],
      ['firewall-change', 'security', true],
      ['backup-target', 'backup', true],
    ]);
    const network = view.find((g) => g.department === 'network');
    expect(network?.dependencies.map((d) => [d.itemId, d.waiting.map((w) => w.itemId)])).toEqual([
      ['isp-lines', ['speed-test']],
      ['speed-test', ['failover-test']],
    ]);
    expect(network?.dependencies[1]?.waiting[0]?.crossDepartment).toBe(false);
  });

  it('is empty when nothing waits', () => {
    const session = completeRun(new Session());
    expect(waitingOnView(definition, session.run, session.answers)).toEqual([]);
  });
});

describe('criticalPath', () => {
  it('follows the longest remaining chain through the diamond', () => {
    const session = new Session();
    const path = criticalPath(definition, session.run, session.answers);
    expect(path.items.map((i) => i.itemId)).toEqual([
      'core-switches',
      'isp-lines',
      'speed-test',
      'failover-test',
    ]);
    expect(path.totalMinutes).toBe(60 + 60 + 30 + 45);
    expect(path.items[0]).toMatchObject({ department: 'infrastructure', remainingMinutes: 60 });
  });

  it('switches branch when the longer one is resolved, and resolved items end a chain', () => {
    const session = new Session().must({
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'not-applicable',
      reason: 'Shared building uplink.',
    });
    const path = criticalPath(definition, session.run, session.answers);
    expect(path.items.map((i) => i.itemId)).toEqual([
      'core-switches',
      'firewall-change',
      'failover-test',
    ]);
    expect(path.totalMinutes).toBe(135);
  });

  it('a diamond with unequal branches picks the heavier one', () => {
    const def = smallDefinition([
      { id: 'a', title: 'A', type: 'check', estimateMinutes: 10 },
      { id: 'b', title: 'B', type: 'check', dependsOn: ['a'], estimateMinutes: 5 },
      { id: 'c', title: 'C', type: 'check', dependsOn: ['a'], estimateMinutes: 50 },
      { id: 'd', title: 'D', type: 'check', dependsOn: ['b', 'c'], estimateMinutes: 1 },
      { id: 'e', title: 'E', type: 'check', estimateMinutes: 60 },
    ]);
    const session = new Session(makeRun({ parameters: {} }), def);
    expect(criticalPath(def, session.run, session.answers)).toMatchObject({ totalMinutes: 61 });
    expect(criticalPath(def, session.run, session.answers).items.map((i) => i.itemId)).toEqual([
      'a',
      'c',
      'd',
    ]);
    session.must(done('a'), done('c'));
    expect(criticalPath(def, session.run, session.answers).items.map((i) => i.itemId)).toEqual([
      'e',
    ]);
  });

  it('is empty when everything is resolved', () => {
    const session = completeRun(new Session());
    expect(criticalPath(definition, session.run, session.answers)).toEqual({
      items: [],
      totalMinutes: 0,
    });
  });

  it('terminates on a cycle (a definition that skipped validation)', () => {
    const def = smallDefinition([
      { id: 'a', title: 'A', type: 'check', dependsOn: ['c'], estimateMinutes: 1 },
      { id: 'b', title: 'B', type: 'check', dependsOn: ['a'], estimateMinutes: 2 },
      { id: 'c', title: 'C', type: 'check', dependsOn: ['b'], estimateMinutes: 3 },
      { id: 'd', title: 'D', type: 'check', dependsOn: ['d'], estimateMinutes: 1 },
    ]);
    const run = makeRun({ parameters: {} });
    const path = criticalPath(def, run, new Map());
    expect(path.totalMinutes).toBe(6);
    expect(new Set(path.items.map((i) => i.itemId)).size).toBe(3);
    expect(waitingOnView(def, run, new Map()).length).toBe(1);
  });
});
