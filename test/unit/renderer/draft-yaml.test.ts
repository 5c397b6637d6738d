import 'fake-indexeddb/auto';
// The draft's YAML is byte-stable and means what the draft means: every bundled template, turned
// into a draft and back, validates to the same definition; the same draft gives the same bytes
// however its fields were ordered or stored; and a small draft gives exactly the text a template
// author would write (the format's field order, defaults left out, lists of ids on one line,
// expressions quoted, Markdown as blocks, fields of other item types left out).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definitionContentHash, validateDefinitionText } from '../../../core/definitions';
import {
  createDraftRepository,
  type DraftDocument,
} from '../../../renderer/storage/draft-repository';
import { draftFromDefinition } from '../../../renderer/features/templates/editor/draft-document';
import { draftToYaml } from '../../../renderer/features/templates/editor/draft-yaml';
import { freshDatabase } from './storage-fixtures';

const CHECKLISTS = fileURLToPath(new URL('../../../checklists/', import.meta.url));
const BUNDLED = readdirSync(CHECKLISTS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(join(CHECKLISTS, folder.name))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => `${folder.name}/${file}`),
  );

function publishedDraft(path: string) {
  const text = readFileSync(join(CHECKLISTS, path), 'utf8');
  const result = validateDefinitionText(text, `checklists/${path}`);
  if (!result.ok) throw new Error(`${path} does not validate`);
  const draft = draftFromDefinition(result.definition, result.definition.version);
  draft.changelog = result.definition.changelog;
  return { draft, definition: result.definition };
}

/** The same values with every object's keys in the reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reversedKeys(inner)]),
    ) as T;
  }
  return value;
}

describe('draft YAML', () => {
  it('finds the bundled templates', () => {
    expect(BUNDLED).toEqual(
      expect.arrayContaining(['new-office/1.2.0.yaml', 'client-onboarding/1.1.0.yaml']),
    );
  });

  it.each(BUNDLED)('writes %s back as a file that validates to the same definition', (path) => {
    const { draft, definition } = publishedDraft(path);
    const yaml = draftToYaml(draft);
    const result = validateDefinitionText(yaml, path);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.definition).toEqual(definition);
  });

  it('gives the same bytes for the same draft, whatever the order of its fields', () => {
    const { draft } = publishedDraft('new-office/1.2.0.yaml');
    const first = draftToYaml(draft);
    expect(draftToYaml(draft)).toBe(first);
    expect(draftToYaml(structuredClone(draft))).toBe(first);
    expect(draftToYaml(reversedKeys(draft))).toBe(first);
    expect(definitionContentHash(draftToYaml(reversedKeys(draft)))).toBe(
      definitionContentHash(first),
    );
  });

  it('gives the same bytes after the draft was stored and read back from IndexedDB', async () => {
    const db = await freshDatabase({ seed: false });
    const drafts = createDraftRepository(db);
    const { draft } = publishedDraft('client-onboarding/1.1.0.yaml');
    await drafts.create({
      definitionId: draft.id,
      baseVersion: '1.1.0',
      baseHash: 'ab'.repeat(32),
      document: reversedKeys(draft),
    });
    const stored = await drafts.get(draft.id);
    expect(stored && draftToYaml(stored.document)).toBe(draftToYaml(draft));
    db.close();
  });

  it('writes a small draft exactly as an author would', () => {
    const draft: DraftDocument = {
      id: 'printer-rollout',
      version: '1.1.0',
      title: 'Printer rollout',
      kind: 'new-office',
      changelog:
        'Spare toner is now counted per floor, because the Lisbon opening ran out on the first day.',
      departments: [{ id: 'workplace', title: 'Workplace services' }],
      parameters: [
        { id: 'floors', label: 'Floors', type: 'number', required: true },
        {
          id: 'model',
          label: 'Printer model',
          type: 'choice',
          choices: ['a3', 'a4'],
          required: false,
        },
      ],
      sections: [
        {
          id: 'printers',
          title: 'Printers',
          department: 'workplace',
          description: '',
          items: [
            {
              id: 'printers-installed',
              title: 'Printers installed: one per floor',
              type: 'count',
              unit: 'printer',
              min: 'floors',
              severity: 'blocking',
              evidence: 'required',
              dependsOn: [],
              change: false,
              tags: ['printing', 'redundancy'],
              estimateMinutes: 30,
              guidance: 'Name each printer.\n\n- the floor\n- the queue',
              // Left from when the item was a choice: not part of a count item.
              choices: [{ id: 'x', label: 'X', acceptable: true }],
            },
            {
              id: 'toner-budget',
              title: 'Toner cartridges budgeted',
              type: 'number',
              unit: 'cartridges',
              severity: 'minor',
              evidence: 'none',
              dependsOn: [],
              change: false,
              tags: [],
            },
            {
              id: 'toner-stock',
              title: 'Spare toner cartridges',
              type: 'number',
              unit: 'cartridges',
              min: 'floors * 2',
              max: { item: 'toner-budget' },
              severity: 'major',
              evidence: 'none',
              dependsOn: ['printers-installed', 'toner-budget'],
              change: true,
              when: 'floors >= 2',
              department: '',
              tags: [],
              guidance:
                'Count the boxes in the store room, not the ones on order: a cartridge on order does not print on the first morning.',
            },
          ],
        },
      ],
    };
    expect(draftToYaml(draft)).toBe(
      [
        'id: printer-rollout',
        'version: 1.1.0',
        'title: Printer rollout',
        'kind: new-office',
        'changelog: >-',
        '  Spare toner is now counted per floor, because the Lisbon opening ran out on the first day.',
        'departments:',
        '  - id: workplace',
        '    title: Workplace services',
        'parameters:',
        '  - id: floors',
        '    label: Floors',
        '    type: number',
        '  - id: model',
        '    label: Printer model',
        '    type: choice',
        '    choices: [a3, a4]',
        '    required: false',
        'sections:',
        '  - id: printers',
        '    title: Printers',
        '    department: workplace',
        '    items:',
        '      - id: printers-installed',
        '        title: "Printers installed: one per floor"',
        '        type: count',
        "        min: 'floors'",
        '        unit: printer',
        '        severity: blocking',
        '        evidence: required',
        '        estimateMinutes: 30',
        '        tags: [printing, redundancy]',
        '        guidance: |-',
        '          Name each printer.',
        '',
        '          - the floor',
        '          - the queue',
        '      - id: toner-budget',
        '        title: Toner cartridges budgeted',
        '        type: number',
        '        unit: cartridges',
        '        severity: minor',
        '      - id: toner-stock',
        '        title: Spare toner cartridges',
        '        type: number',
        '        unit: cartridges',
        "        min: 'floors * 2'",
        '        max: {item: toner-budget}',
        '        severity: major',
        '        change: true',
        '        dependsOn: [printers-installed, toner-budget]',
        '        when: floors >= 2',
        '        guidance: >-',
        '          Count the boxes in the store room, not the ones on order: a cartridge on order does not',
        '          print on the first morning.',
        '',
      ].join('\n'),
    );
    const result = validateDefinitionText(draftToYaml(draft), 'printer-rollout/1.1.0.yaml');
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
