import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../core/definitions/schema';
import {
  evaluateItem,
  findItem,
  judgeContext,
  plural,
  type Answer,
  type AnswerValue,
  type ItemStatus,
} from '../../../../core/runs';
import { admin, definition, makeRun } from './fixtures';

const judge = judgeContext(definition, makeRun(), new Map());

function item(id: string): Item {
  const ref = findItem(definition, id);
  if (!ref) throw new Error(id);
  return ref.item;
}

function answer(status: ItemStatus, value?: AnswerValue): Answer {
  return {
    runId: 'r',
    itemId: 'x',
    status,
    value,
    attachments: [],
    updatedAt: 't',
    updatedBy: admin,
  };
}

describe('evaluateItem', () => {
  it('an untouched item is open and not failing', () => {
    expect(evaluateItem(item('speed-test'), undefined, judge)).toEqual({
      resolved: false,
      failing: false,
    });
  });

  it('numbers fail outside min/max, with the unit in the message', () => {
    const speed = item('speed-test');
    expect(evaluateItem(speed, answer('done', { type: 'number', value: 100 }), judge)).toEqual({
      resolved: true,
      failing: false,
    });
    const low = evaluateItem(speed, answer('done', { type: 'number', value: 80.5 }), judge);
    expect(low).toEqual({
      resolved: true,
      failing: true,
      failure: '80.5 Mbit/s is below the minimum of 100 Mbit/s.',
      failureDetail: {
        kind: 'below-min',
        value: 80.5,
        bound: 100,
        unit: 'Mbit/s',
        source: { kind: 'fixed' },
      },
    });
    const high = evaluateItem(speed, answer('open', { type: 'number', value: 20_000 }), judge);
    expect(high.failing).toBe(true);
    expect(high.resolved).toBe(false);
    expect(high.failure).toContain('above the maximum of 10000 Mbit/s');
  });

  it('counts fail with fewer named legs than the minimum ("two of everything")', () => {
    const isp = item('isp-lines');
    expect(
      evaluateItem(isp, answer('done', { type: 'count', legs: ['Telekom'] }), judge).failure,
    ).toBe('1 of 2 ISP lines named.');
    expect(
      evaluateItem(isp, answer('done', { type: 'count', legs: ['A', 'B'] }), judge).failing,
    ).toBe(false);
    expect(
      evaluateItem(item('core-switches'), answer('done', { type: 'count', legs: [] }), judge)
        .failure,
    ).toBe('0 of 2 core switches named.');
  });

  it('choices fail when not acceptable', () => {
    const av = item('av-policy');
    expect(
      evaluateItem(av, answer('done', { type: 'choice', choiceId: 'audit-only' }), judge).failing,
    ).toBe(false);
    expect(
      evaluateItem(av, answer('done', { type: 'choice', choiceId: 'disabled' }), judge).failure,
    ).toBe('"Disabled" is not acceptable.');
  });

  it('not applicable resolves and never fails', () => {
    expect(
      evaluateItem(
        item('speed-test'),
        answer('not-applicable', { type: 'number', value: 1 }),
        judge,
      ),
    ).toEqual({
      resolved: true,
      failing: false,
    });
  });

  it('a done typed item without a value, or with the wrong kind of value, fails', () => {
    expect(evaluateItem(item('speed-test'), answer('done'), judge).failing).toBe(true);
    expect(
      evaluateItem(item('speed-test'), answer('done', { type: 'text', text: 'fast' }), judge)
        .failing,
    ).toBe(true);
    expect(evaluateItem(item('failover-test'), answer('done'), judge)).toEqual({
      resolved: true,
      failing: false,
    });
  });

  it('pluralises units', () => {
    expect(plural('ISP line', 2)).toBe('ISP lines');
    expect(plural('switch', 2)).toBe('switches');
    expect(plural('proxy', 3)).toBe('proxies');
    expect(plural('backup', 1)).toBe('backup');
  });
});
