// "My department" on a run's list follows the owner's reassignments: an item handed to another
// department shows under that department, and on a shared run the team's own list (by department
// or by name, core isMyItem) decides.
import { describe, expect, it } from 'vitest';
import { runVisibility, type Answer } from '../../../core/runs';
import { filterItems } from '../../../renderer/features/runs/filter-items';
import type { RunView } from '../../../renderer/features/runs/use-run-view';
import { definition, makeRun, Session } from '../core/runs/fixtures';

const run = makeRun();

function viewOf(answers: ReadonlyMap<string, Answer>): RunView {
  return {
    run,
    definition,
    answers: new Map(answers),
    visibility: runVisibility(definition, run),
    evaluations: new Map(),
    waiting: new Map(),
  } as unknown as RunView;
}

const mine = (view: RunView, options: Partial<Parameters<typeof filterItems>[1]>) =>
  filterItems(view, { sectionId: null, filter: 'mine', search: '', ...options }).map(
    (ref) => ref.item.id,
  );

describe('My department', () => {
  it('counts a reassigned item for its new department', () => {
    const owner = new Session(run, definition, 'laptop-owner');
    expect(mine(viewOf(owner.answers), { myDepartment: 'backup' })).toEqual(['backup-target']);
    owner.must({ type: 'assign', itemId: 'backup-target', department: 'network' });
    const view = viewOf(owner.answers);
    expect(mine(view, { myDepartment: 'backup' })).toEqual([]);
    expect(mine(view, { myDepartments: ['network'] })).toContain('backup-target');
  });

  it("uses the team's own list of my items on a shared run when it is given", () => {
    const view = viewOf(new Map());
    expect(mine(view, { myDepartments: ['network'], myItems: new Set(['av-policy']) })).toEqual([
      'av-policy',
    ]);
  });
});
