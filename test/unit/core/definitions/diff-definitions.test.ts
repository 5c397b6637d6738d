// diffDefinitions: items added, removed, changed (which fields) and moved; sections and parameters.
import { describe, expect, it } from 'vitest';
import { diffDefinitions, isEmptyDiff } from '../../../../core/definitions';
import { parseValid, replaceOnce, VALID_YAML } from './fixtures';

const from = parseValid();

function diffTo(text: string) {
  return diffDefinitions(from, parseValid(text, 'x.yaml'));
}

describe('diffDefinitions', () => {
  it('finds nothing between identical definitions', () => {
    const diff = diffDefinitions(from, parseValid());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.from).toEqual({ id: 'new-office', version: '1.0.0' });
  });

  it('ignores the order of dependsOn entries', () => {
    expect(
      isEmptyDiff(
        diffTo(
          replaceOnce(
            VALID_YAML,
            'dependsOn: [isp-lines, failover-test]',
            'dependsOn: [failover-test, isp-lines]',
          ),
        ),
      ),
    ).toBe(true);
  });

  it('lists added and removed items with their sections', () => {
    const text = replaceOnce(
      VALID_YAML,
      '      - id: desk-notes\n        title: Desk layout notes\n',
      '      - id: desk-plan\n        title: Desk plan agreed\n',
    );
    const diff = diffTo(text);
    expect(diff.items.added).toEqual([
      { id: 'desk-plan', title: 'Desk plan agreed', sectionId: 'workplace' },
    ]);
    expect(diff.items.removed).toEqual([
      { id: 'desk-notes', title: 'Desk layout notes', sectionId: 'workplace' },
    ]);
    expect(diff.items.changed).toEqual([]);
  });

  it('lists changed fields of an item with their old and new values', () => {
    let text = replaceOnce(VALID_YAML, 'min: 2\n', 'min: 3\n');
    text = replaceOnce(text, 'severity: blocking', 'severity: major');
    text = replaceOnce(
      text,
      'title: Two independent ISP lines delivered',
      'title: Two ISP lines from different providers',
    );
    text = replaceOnce(text, 'estimateMinutes: 60', 'estimateMinutes: 90');
    text = replaceOnce(text, 'when: hasServerRoom', 'when: not hasServerRoom');
    text = replaceOnce(
      text,
      'Pull the **primary** cable; a < b is fine.',
      'Pull the secondary cable too.',
    );
    text = replaceOnce(text, 'acceptable: false', 'acceptable: true');
    text = replaceOnce(
      text,
      '        type: choice\n',
      '        type: choice\n        evidence: optional\n',
    );
    text = replaceOnce(text, '        change: true\n', '');
    const diff = diffTo(text);
    expect(diff.items.changed).toEqual([
      {
        id: 'isp-lines',
        title: 'Two ISP lines from different providers',
        sectionId: 'connectivity',
        changes: [
          {
            field: 'title',
            from: 'Two independent ISP lines delivered',
            to: 'Two ISP lines from different providers',
          },
          { field: 'severity', from: 'blocking', to: 'major' },
          { field: 'min', from: 2, to: 3 },
          { field: 'estimateMinutes', from: 60, to: 90 },
        ],
      },
      {
        id: 'failover-test',
        title: 'Failover between the lines tested',
        sectionId: 'connectivity',
        changes: [
          { field: 'change', from: true, to: false },
          {
            field: 'guidance',
            from: 'Pull the **primary** cable; a < b is fine.',
            to: 'Pull the secondary cable too.',
          },
        ],
      },
      expect.objectContaining({
        id: 'wifi-vendor',
        changes: [
          expect.objectContaining({ field: 'choices' }),
          { field: 'evidence', from: 'none', to: 'optional' },
        ],
      }),
      expect.objectContaining({
        id: 'server-room-ready',
        changes: [{ field: 'when', from: 'hasServerRoom', to: 'not hasServerRoom' }],
      }),
    ]);
  });

  it('reports a changed type, unit and max', () => {
    const text = replaceOnce(
      replaceOnce(VALID_YAML, 'unit: Mbit/s', 'unit: Gbit/s'),
      'max: 10000',
      'max: 1000',
    );
    expect(diffTo(text).items.changed[0]?.changes).toEqual([
      { field: 'max', from: 10000, to: 1000 },
      { field: 'unit', from: 'Mbit/s', to: 'Gbit/s' },
    ]);
    const typed = replaceOnce(
      VALID_YAML,
      '        type: text\n        multiline: true\n',
      '        type: check\n',
    );
    expect(diffTo(typed).items.changed[0]?.changes).toEqual([
      { field: 'type', from: 'text', to: 'check' },
      { field: 'multiline', from: true, to: undefined },
    ]);
  });

  it('lists items moved to another section', () => {
    const moved = VALID_YAML.replace(
      '      - id: desk-notes\n        title: Desk layout notes\n        type: text\n        multiline: true\n        department: network\n',
      '',
    ).replace(
      '    items:\n      - id: isp-lines',
      '    items:\n      - id: desk-notes\n        title: Desk layout notes\n        type: text\n        multiline: true\n        department: network\n      - id: isp-lines',
    );
    const diff = diffTo(moved);
    expect(diff.items.moved).toEqual([
      {
        id: 'desk-notes',
        title: 'Desk layout notes',
        sectionId: 'connectivity',
        fromSectionId: 'workplace',
      },
    ]);
    expect(diff.items.changed).toEqual([]);
  });

  it('lists sections added, removed and renamed, and parameters added, removed and changed', () => {
    let text = replaceOnce(
      VALID_YAML,
      '    title: Connectivity\n',
      '    title: Internet and WAN\n',
    );
    text = replaceOnce(
      text,
      '  - id: workplace\n    title: Workplace\n    department',
      '  - id: desks\n    title: Desks\n    department',
    );
    text = replaceOnce(
      text,
      '  - id: hasServerRoom\n    label: Server room on site\n    type: boolean\n',
      '  - id: hasRack\n    label: Rack\n    type: boolean\n',
    );
    text = replaceOnce(text, 'choices: [DE, AT, CH]', 'choices: [DE, AT]');
    text = replaceOnce(text, 'when: hasServerRoom', 'when: hasRack');
    const diff = diffTo(text);
    expect(diff.sections).toEqual({
      added: [{ id: 'desks', title: 'Desks' }],
      removed: [{ id: 'workplace', title: 'Workplace' }],
      renamed: [{ id: 'connectivity', fromTitle: 'Connectivity', toTitle: 'Internet and WAN' }],
    });
    expect(diff.parameters).toEqual({
      added: ['hasRack'],
      removed: ['hasServerRoom'],
      changed: [{ id: 'country', fields: ['choices'] }],
    });
    expect(diff.items.moved.map((item) => item.id)).toEqual([
      'wifi-vendor',
      'desk-notes',
      'server-room-ready',
    ]);
  });
});
