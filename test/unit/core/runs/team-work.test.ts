// The team's view of a shared run: my items, what became ready for me on another laptop, and the
// department chain with whom each waits on, its pace against the estimate and its due date.
import { describe, expect, it } from 'vitest';
import {
  departmentChain,
  itemsOfDepartments,
  readyForYou,
  runVisibility,
  type Actor,
} from '../../../../core/runs';
import { definition, done, makeRun, Session } from './fixtures';

const infra: Actor = { id: 'u-ines', name: 'Ines Infra', role: 'engineer' };
const net: Actor = { id: 'u-nils', name: 'Nils Network', role: 'engineer' };
const run = makeRun();

function laptops() {
  return {
    infraLaptop: new Session(run, definition, 'laptop-infra'),
    netLaptop: new Session(run, definition, 'laptop-net'),
  };
}

describe('my items', () => {
  it('are the visible items of my departments', () => {
    const ids = itemsOfDepartments(runVisibility(definition, run), ['network']).map(
      (ref) => ref.item.id,
    );
    expect(ids).toEqual(['isp-lines', 'speed-test', 'failover-test', 'wifi-survey']);
  });
});

describe('ready for you', () => {
  it('names my item once its dependency was finished on another laptop, by whom', () => {
    const { infraLaptop, netLaptop } = laptops();
    const me = { departments: ['network'], chain: netLaptop.chain };
    expect(readyForYou(definition, run, netLaptop.log, me)).toEqual([]);
    infraLaptop.wait(5).must({
      type: 'setValue',
      itemId: 'core-switches',
      value: { type: 'count', legs: ['a', 'b'] },
    });
    infraLaptop.apply(done('core-switches'), infra);
    netLaptop.log.addAll(infraLaptop.events);
    expect(readyForYou(definition, run, netLaptop.log, me)).toEqual([
      {
        itemId: 'isp-lines',
        title: 'ISP lines',
        department: 'network',
        unblockedBy: infra,
        unblockedAt: infraLaptop.now(),
      },
    ]);
    // Once I act on it, it is no longer waiting for me.
    netLaptop.must({
      type: 'setValue',
      itemId: 'isp-lines',
      value: { type: 'count', legs: ['x', 'y'] },
    });
    netLaptop.apply(done('isp-lines'), net);
    expect(readyForYou(definition, run, netLaptop.log, me)).toEqual([]);
  });

  it('does not call my own hand-off "ready for you"', () => {
    const { netLaptop } = laptops();
    netLaptop.must(
      { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['a', 'b'] } },
      done('core-switches'),
    );
    expect(
      readyForYou(definition, run, netLaptop.log, {
        departments: ['network'],
        chain: netLaptop.chain,
      }),
    ).toEqual([]);
  });
});

describe('the department chain', () => {
  it('says who waits on whom, the last activity, the pace and lateness against the plan', () => {
    const { infraLaptop } = laptops();
    infraLaptop
      .must({ type: 'start', itemId: 'core-switches' })
      .wait(150)
      .must(
        { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['a', 'b'] } },
        done('core-switches'),
      );
    const chain = departmentChain(
      definition,
      run,
      infraLaptop.log,
      { network: '2025-05-30', security: '2025-06-30' },
      '2025-05-31',
    );
    const byId = new Map(chain.map((status) => [status.department, status]));
    expect(byId.get('infrastructure')).toMatchObject({
      state: 'in-progress',
      resolved: 1,
      actualMinutes: 150,
      actualToEstimate: 2.5,
      lastActivityAt: infraLaptop.now(),
      isLate: false,
    });
    // Network's failover test waits on security's firewall change.
    expect(byId.get('network')).toMatchObject({
      state: 'waiting',
      waitingOn: [{ department: 'security', title: 'Security', items: 1 }],
      due: '2025-05-30',
      isLate: true,
    });
    expect(byId.get('security')).toMatchObject({ state: 'not-started', isLate: false });
    // Before the core switches were done, security's firewall waited on infrastructure.
    const fresh = departmentChain(definition, run, laptops().infraLaptop.log, {}, '2025-05-31');
    expect(fresh.find((s) => s.department === 'security')).toMatchObject({
      state: 'waiting',
      waitingOn: [{ department: 'infrastructure', title: 'Infrastructure', items: 1 }],
    });
  });
});
