import { describe, expect, it } from 'vitest';
import { evaluateWhen, findItem, runVisibility, visibleItems } from '../../../../core/runs';
import { definition, makeRun, smallDefinition } from './fixtures';

const ids = (refs: { item: { id: string } }[]) => refs.map((r) => r.item.id);

describe('visibility', () => {
  it('shows items whose `when` matches the run parameters and hides the others', () => {
    const visibility = runVisibility(definition, makeRun());
    expect(ids(visibility.visible)).toContain('wifi-survey');
    expect(ids(visibility.hidden)).toEqual(['daas-ready', 'fax-line']);
    expect(visibility.problems).toEqual([]);
    expect(visibility.isVisible('desk-phones')).toBe(true);
    expect(visibility.isVisible('fax-line')).toBe(false);
  });

  it('follows the parameters', () => {
    const run = makeRun({ parameters: { seats: 10, country: 'FR', hasDaas: true } });
    const visible = ids(visibleItems(definition, run));
    expect(visible).not.toContain('wifi-survey');
    expect(visible).toContain('daas-ready');
    expect(visible).toContain('fax-line');
  });

  it('keeps an item with an unparsable `when` visible and reports the problem', () => {
    const def = smallDefinition([
      { id: 'odd', title: 'Odd', type: 'check', when: 'seats >>> 3' },
      { id: 'fine', title: 'Fine', type: 'check', when: 'false' },
    ]);
    const visibility = runVisibility(def, makeRun({ parameters: { seats: 5 } }));
    expect(ids(visibility.visible)).toEqual(['odd']);
    expect(visibility.problems).toHaveLength(1);
    expect(visibility.problems[0]).toMatchObject({ itemId: 'odd', when: 'seats >>> 3' });
    expect(visibility.problems[0]?.message).toBeTruthy();
    expect(evaluateWhen('seats >>> 3', {}).visible).toBe(true);
    expect(evaluateWhen(undefined, {})).toEqual({ visible: true });
  });

  it('looks an item up with its section and effective department', () => {
    expect(findItem(definition, 'backup-target')).toMatchObject({
      section: { id: 'infrastructure' },
      department: 'backup',
    });
    expect(findItem(definition, 'core-switches')?.department).toBe('infrastructure');
    expect(findItem(definition, 'nope')).toBeUndefined();
  });
});
