// The editor's building blocks that are not screens: the saver writes one draft at a time and
// never a stale one over a newer one (every edit is saved, the last one last); the structural
// edits move, add and remove items and sections keeping ids (answers carry over by id); a
// problem's field leads to the part of the draft that holds it.
import { describe, expect, it } from 'vitest';
import type { DraftItem, DraftSection } from '../../../renderer/storage/draft-repository';
import { createLatestWinsSaver } from '../../../renderer/features/templates/editor/draft-saver';
import {
  clampSelection,
  insertItem,
  moveItem,
  moveItemToSection,
  moveSection,
  removeEmptySection,
  removeItem,
  selectionOfField,
} from '../../../renderer/features/templates/editor/draft-selection';
import { nextMinorVersion } from '../../../renderer/features/templates/editor/draft-document';

describe('the draft saver', () => {
  it('writes one value at a time, skips the ones superseded while a write runs, and writes the last', async () => {
    const written: number[] = [];
    const releases: (() => void)[] = [];
    let running = 0;
    let maxRunning = 0;
    const saver = createLatestWinsSaver<number>({
      write: async (value) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        written.push(value);
        running -= 1;
        return true;
      },
    });
    saver.save(1);
    saver.save(2);
    saver.save(3);
    saver.save(4);
    const flushed = saver.flush();
    while (written.length < 2) {
      await Promise.resolve();
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await flushed;
    expect(written).toEqual([1, 4]);
    expect(maxRunning).toBe(1);
  });

  it('starts again for a save that arrives right after a write ended, and reports each outcome', async () => {
    const written: string[] = [];
    const outcomes: unknown[] = [];
    const saver = createLatestWinsSaver<string>({
      write: async (value) => {
        if (value === 'bad') throw new Error('disk full');
        written.push(value);
        return value !== 'gone';
      },
      onWritten: (outcome) => outcomes.push(outcome),
    });
    saver.save('a');
    await saver.flush();
    saver.save('bad');
    await saver.flush();
    saver.save('gone');
    await saver.flush();
    saver.save('b');
    await saver.flush();
    expect(written).toEqual(['a', 'gone', 'b']);
    expect(outcomes).toEqual([
      { ok: true, kept: true },
      { ok: false, error: new Error('disk full') },
      { ok: true, kept: false },
      { ok: true, kept: true },
    ]);
  });
});

function item(id: string): DraftItem {
  return {
    id,
    title: id,
    type: 'check',
    severity: 'major',
    evidence: 'none',
    dependsOn: [],
    change: false,
    tags: [],
  };
}

function section(id: string, items: string[]): DraftSection {
  return { id, title: id, department: 'network', items: items.map(item) };
}

const ids = (sections: DraftSection[]) =>
  sections.map((s) => `${s.id}:${s.items.map((i) => i.id).join(',')}`);

describe('structural edits', () => {
  const sections = [section('a', ['a1', 'a2', 'a3']), section('b', ['b1']), section('c', [])];

  it('moves an item within its section and to another, keeping its id, and selects it there', () => {
    const up = moveItem(sections, 0, 2, -1);
    expect(ids(up.sections)).toEqual(['a:a1,a3,a2', 'b:b1', 'c:']);
    expect(up.selection).toEqual({ kind: 'item', section: 0, item: 1 });
    expect(ids(moveItem(sections, 0, 0, -1).sections)).toEqual(ids(sections));
    const moved = moveItemToSection(sections, 0, 1, 1);
    expect(ids(moved.sections)).toEqual(['a:a1,a3', 'b:b1,a2', 'c:']);
    expect(moved.selection).toEqual({ kind: 'item', section: 1, item: 1 });
    // The input is never changed.
    expect(ids(sections)).toEqual(['a:a1,a2,a3', 'b:b1', 'c:']);
  });

  it('inserts and removes items, selecting the neighbour or the section when none is left', () => {
    const added = insertItem(sections, 1, 1, item('b2'));
    expect(ids(added.sections)[1]).toBe('b:b1,b2');
    expect(added.selection).toEqual({ kind: 'item', section: 1, item: 1 });
    const removed = removeItem(sections, 0, 2);
    expect(ids(removed.sections)[0]).toBe('a:a1,a2');
    expect(removed.selection).toEqual({ kind: 'item', section: 0, item: 1 });
    expect(removeItem(sections, 1, 0).selection).toEqual({ kind: 'section', section: 1 });
  });

  it('moves sections and removes only an empty one', () => {
    expect(ids(moveSection(sections, 2, -1).sections)).toEqual(['a:a1,a2,a3', 'c:', 'b:b1']);
    expect(ids(removeEmptySection(sections, 0).sections)).toEqual(ids(sections));
    const removed = removeEmptySection(sections, 2);
    expect(ids(removed.sections)).toEqual(['a:a1,a2,a3', 'b:b1']);
    expect(removed.selection).toEqual({ kind: 'section', section: 1 });
  });

  it('finds the part of the draft a problem is in, and keeps a selection inside the draft', () => {
    expect(selectionOfField('sections.2.items.0.min')).toEqual({
      kind: 'item',
      section: 2,
      item: 0,
    });
    expect(selectionOfField('sections.1.department')).toEqual({ kind: 'section', section: 1 });
    expect(selectionOfField('parameters.0.choices')).toEqual({ kind: 'parameters' });
    expect(selectionOfField('departments')).toEqual({ kind: 'departments' });
    expect(selectionOfField('changelog')).toEqual({ kind: 'details' });
    expect(selectionOfField('')).toEqual({ kind: 'details' });
    const document = {
      id: 'x',
      version: '1.1.0',
      title: 'x',
      kind: 'new-office' as const,
      changelog: '',
      departments: [],
      parameters: [],
      sections,
    };
    expect(clampSelection({ kind: 'item', section: 5, item: 9 }, document)).toEqual({
      kind: 'section',
      section: 2,
    });
    expect(clampSelection({ kind: 'item', section: 0, item: 9 }, document)).toEqual({
      kind: 'item',
      section: 0,
      item: 2,
    });
  });

  it('suggests the next minor version', () => {
    expect(nextMinorVersion('1.2.0')).toBe('1.3.0');
    expect(nextMinorVersion('2.9.4')).toBe('2.10.0');
  });
});
