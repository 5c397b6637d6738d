// Lessons learned per template: every sign-off's lessons split into points, linked to the items
// they mention (by id or title, any case), grouped by version then item; nothing dropped.
import { describe, expect, it } from 'vitest';
import { findMentionedItems, lessonsOfTemplate, splitLessonPoints } from '../../../../core/compare';
import { generateWorld } from './generate';

const world = generateWorld({ offices: 24, items: 40 });
const lessons = lessonsOfTemplate(world.reports, {
  definitionId: 'new-office',
  catalog: world.catalog,
});
const signedOffice = world.runs.filter(
  (run) => run.run.definitionId === 'new-office' && run.lessons !== null,
);

describe('lessonsOfTemplate', () => {
  it('groups by version, newest first, counting the latest revision of each sign-off', () => {
    expect(lessons.versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);
    for (const version of lessons.versions) {
      const runs = signedOffice.filter((run) => run.run.definitionVersion === version.version);
      expect(version.signOffs).toBe(runs.length);
      expect(version.withLessons).toBe(runs.length);
    }
  });

  it('links each point to the items it mentions, by title in any case or by id', () => {
    for (const run of signedOffice) {
      const version = lessons.versions.find((v) => v.version === run.run.definitionVersion)!;
      const mentioned = version.byItem
        .filter((group) => group.points.some((point) => point.runId === run.run.id))
        .map((group) => group.itemId)
        .sort();
      expect(mentioned, run.run.id).toEqual([...run.lessons!.mentions].sort());
      const titled = version.byItem.find((g) => g.itemId === run.lessons!.mentions[0])!;
      expect(titled.sectionId).not.toBeNull();
      expect(titled.title).not.toBe(titled.itemId);
    }
  });

  it('keeps the points that name no item apart', () => {
    for (const version of lessons.versions) {
      expect(version.unmatched.map((p) => p.text)).toEqual(
        Array(version.signOffs).fill('Order the second line a month earlier next time.'),
      );
    }
  });

  it('ignores the lessons of superseded revisions and of other templates', () => {
    const texts = lessons.versions.flatMap((v) => [
      ...v.unmatched.map((p) => p.text),
      ...v.byItem.flatMap((g) => g.points.map((p) => p.text)),
    ]);
    expect(texts.some((text) => text.startsWith('Superseded'))).toBe(false);
    expect(texts.length).toBe(signedOffice.length * 3);
    const points = lessons.versions.flatMap((v) => v.byItem.flatMap((g) => g.points));
    expect(points.every((p) => p.revision === 2 || p.runId !== 'run-000')).toBe(true);
  });

  it('orders the item groups by how often they are mentioned', () => {
    for (const version of lessons.versions) {
      const counts = version.byItem.map((group) => group.points.length);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });

  it('finds titles from the reports when the definitions are not at hand', () => {
    const bare = lessonsOfTemplate(world.reports, { definitionId: 'new-office' });
    const total = (l: typeof bare) =>
      l.versions.map((v) => v.byItem.reduce((sum, g) => sum + g.points.length, 0));
    expect(total(bare)).toEqual(total(lessons));
  });
});

describe('splitLessonPoints', () => {
  it('splits list items and paragraphs and drops the markers', () => {
    const text = [
      '- First point',
      '  continues here.',
      '* Second point',
      '1. Third point',
      '2) Fourth point',
      '',
      'A paragraph',
      'over two lines.',
      '\r\n\r\nLast.',
    ].join('\n');
    expect(splitLessonPoints(text)).toEqual([
      'First point continues here.',
      'Second point',
      'Third point',
      'Fourth point',
      'A paragraph over two lines.',
      'Last.',
    ]);
    expect(splitLessonPoints('  \n \n')).toEqual([]);
  });
});

describe('findMentionedItems', () => {
  const items = [
    { id: 'isp-lines', title: 'ISP lines' },
    { id: 'firewall', title: 'Firewall' },
    { id: 'firewall-rules', title: 'Firewall rules' },
    { id: 'check-1', title: 'Security check 1' },
    { id: 'check-12', title: 'Security check 12' },
    { id: 'ui', title: 'UI' },
  ];

  it('matches ids and titles on word boundaries, case-insensitive, in item order', () => {
    expect(findMentionedItems('The ISP LINES were late; see firewall.', items)).toEqual([
      'isp-lines',
      'firewall',
    ]);
    expect(findMentionedItems('security check 12 failed', items)).toEqual(['check-12']);
    expect(findMentionedItems('isp-lines-backup and isp-linesx are other things', items)).toEqual(
      [],
    );
  });

  it('prefers the longer match at the same place, and skips very short ids and titles', () => {
    expect(findMentionedItems('The firewall rules were wrong.', items)).toEqual(['firewall-rules']);
    expect(findMentionedItems('Firewall down, then the firewall rules.', items)).toEqual([
      'firewall',
      'firewall-rules',
    ]);
    expect(findMentionedItems('The UI was fine.', items)).toEqual([]);
    expect(findMentionedItems('Item ui was fine.', items)).toEqual([]);
  });
});
