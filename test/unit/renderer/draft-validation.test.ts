// The editor's live validation: the core validator's problems, found at line:column of the draft's
// YAML, land on the editor field they are about (the message shows next to that field), a problem
// about a whole item, list or section on that item, list or section; the leading path of shape
// messages is dropped (the field says where); the editor's own version checks; a valid draft gives
// its definition and the hash of its bytes.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { definitionContentHash } from '../../../core/definitions';
import type { DraftDocument } from '../../../renderer/storage/draft-repository';
import {
  fieldPathOf,
  validateDraft,
  withoutLeadingPath,
  type DraftProblem,
} from '../../../renderer/features/templates/editor/draft-validation';
import { blankItem } from '../../../renderer/features/templates/editor/draft-document';
import { problemText } from '../../../renderer/features/templates/editor/draft-problems-context';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

function validDraft(): DraftDocument {
  return {
    id: 'tiny-office',
    version: '1.1.0',
    title: 'Tiny office go-live',
    kind: 'new-office',
    changelog: 'Speed test judged against the seats.',
    departments: [
      { id: 'network', title: 'Network' },
      { id: 'workplace', title: 'Workplace' },
    ],
    parameters: [{ id: 'seats', label: 'Seats', type: 'number', required: true }],
    sections: [
      {
        id: 'connectivity',
        title: 'Connectivity',
        department: 'network',
        items: [
          {
            id: 'core-switches',
            title: 'Core switches',
            type: 'count',
            min: 2,
            unit: 'core switch',
            severity: 'blocking',
            evidence: 'none',
            dependsOn: [],
            change: false,
            tags: [],
          },
          {
            id: 'isp-lines',
            title: 'ISP lines',
            type: 'check',
            severity: 'blocking',
            evidence: 'none',
            dependsOn: ['core-switches'],
            change: false,
            tags: ['isp'],
          },
          {
            id: 'speed-target',
            title: 'Speed agreed',
            type: 'number',
            unit: 'Mbit/s',
            severity: 'major',
            evidence: 'none',
            dependsOn: [],
            change: false,
            tags: [],
          },
          {
            id: 'speed-test',
            title: 'Speed test',
            type: 'number',
            unit: 'Mbit/s',
            min: { item: 'speed-target' },
            severity: 'major',
            evidence: 'optional',
            dependsOn: ['speed-target'],
            change: false,
            when: 'seats >= 5',
            tags: [],
          },
          {
            id: 'support-level',
            title: 'Support level',
            type: 'choice',
            choices: [
              { id: 'business', label: 'Business', acceptable: true },
              { id: 'consumer', label: 'Consumer', acceptable: false },
            ],
            severity: 'major',
            evidence: 'none',
            dependsOn: [],
            change: false,
            tags: [],
          },
        ],
      },
    ],
  };
}

function problemsOf(
  change: (draft: DraftDocument) => void,
  publishedVersions: string[] = ['1.0.0'],
): DraftProblem[] {
  const draft = validDraft();
  change(draft);
  return validateDraft(draft, { publishedVersions }).problems;
}

function item(draft: DraftDocument, index: number) {
  const found = draft.sections[0]?.items[index];
  if (found === undefined) throw new Error(`no item ${index}`);
  return found;
}

describe('validating a draft', () => {
  it('gives a valid draft its definition and the hash of its YAML', () => {
    const result = validateDraft(validDraft(), { publishedVersions: ['1.0.0'] });
    expect(result.problems).toEqual([]);
    expect(result.definition?.sections[0]?.items.map((i) => i.id)).toHaveLength(5);
    expect(result.hash).toBe(definitionContentHash(result.yaml));
  });

  it('puts each problem on the field it is about', () => {
    const cases: [string, (draft: DraftDocument) => void, string, RegExp][] = [
      [
        'a duplicate item id',
        (d) => (item(d, 4).id = 'isp-lines'),
        'sections.0.items.4.id',
        /isp-lines/,
      ],
      [
        'an unknown dependency',
        (d) => (item(d, 1).dependsOn = ['core-switches', 'core-switchez']),
        'sections.0.items.1.dependsOn',
        /core-switchez.*not an item in this file.*core-switches/,
      ],
      [
        'a broken condition',
        (d) => (item(d, 3).when = 'seats >='),
        'sections.0.items.3.when',
        /^item "speed-test" when:/,
      ],
      [
        'a condition on an unknown parameter',
        (d) => (item(d, 3).when = 'desks >= 5'),
        'sections.0.items.3.when',
        /desks/,
      ],
      [
        'an expression over an unknown parameter',
        (d) => (item(d, 0).min = 'ceil(desks / 20)'),
        'sections.0.items.0.min',
        /desks/,
      ],
      [
        'a bound taken from a choice item',
        (d) => (item(d, 3).min = { item: 'support-level' }),
        'sections.0.items.3.min',
        /support-level/,
      ],
      [
        'a title too long',
        (d) => (item(d, 1).title = 'x'.repeat(400)),
        'sections.0.items.1.title',
        /200/,
      ],
      [
        'no acceptable choice',
        (d) => item(d, 4).choices?.forEach((choice) => (choice.acceptable = false)),
        'sections.0.items.4.choices',
        /no choice is acceptable/,
      ],
      [
        'a bad choice id',
        (d) => {
          const choice = item(d, 4).choices?.[1];
          if (choice) choice.id = 'Consumer Line';
        },
        'sections.0.items.4.choices.1.id',
        /kebab-case/,
      ],
      [
        'an undeclared department',
        (d) => {
          const section = d.sections[0];
          if (section) section.department = 'facilities';
        },
        'sections.0.department',
        /facilities/,
      ],
      [
        'a bad parameter id',
        (d) => {
          const parameter = d.parameters[0];
          if (parameter) parameter.id = 'Seats';
        },
        'parameters.0.id',
        /camelCase/,
      ],
    ];
    for (const [what, change, field, message] of cases) {
      const problems = problemsOf(change);
      expect(
        problems.map((p) => p.field),
        what,
      ).toContain(field);
      const problem = problems.find((p) => p.field === field);
      expect(problem?.message, what).toMatch(message);
      expect(problem?.line, what).toBeGreaterThan(0);
    }
  });

  it("says empty required text with the editor's own check, at its field and line", () => {
    const cases: [string, (draft: DraftDocument) => void, string, string][] = [
      ['an empty changelog', (d) => (d.changelog = ''), 'changelog', 'changelogEmpty'],
      [
        'a blank item title',
        (d) => (item(d, 1).title = ' '),
        'sections.0.items.1.title',
        'titleEmpty',
      ],
      ['an empty unit', (d) => (item(d, 0).unit = ''), 'sections.0.items.0.unit', 'unitEmpty'],
      [
        'an empty choice label',
        (d) => {
          const choice = item(d, 4).choices?.[0];
          if (choice) choice.label = '';
        },
        'sections.0.items.4.choices.0.label',
        'labelEmpty',
      ],
    ];
    for (const [what, change, field, key] of cases) {
      const problems = problemsOf(change);
      expect(problems, what).toEqual([
        { field, line: expect.any(Number), column: expect.any(Number), check: { key } },
      ]);
      expect(problems[0]?.line, what).toBeGreaterThan(0);
    }
  });

  it("gives a new item with an empty title the check, not the validator's message", () => {
    // The item the editor's "Add item" makes, title still empty.
    const problems = problemsOf((draft) => draft.sections[0]?.items.push(blankItem(draft)));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'sections.0.items.5.title', check: { key: 'titleEmpty' } }),
    ]);
    expect(problems[0]?.message).toBeUndefined();
  });

  it("says a fresh draft's empty changelog in the UI's language", () => {
    const [problem] = problemsOf((draft) => (draft.changelog = ''));
    if (problem === undefined) throw new Error('no problem');
    expect(problemText(i18n.getFixedT('es'), problem)).toBe(
      es.templates.editor.checks.changelogEmpty,
    );
    expect(problemText(i18n.getFixedT('es'), problem)).toMatch(/^Diga qué cambia/);
    expect(problemText(i18n.getFixedT('en'), problem)).toMatch(/^Say what changed in this version/);
  });

  it('says nothing about the stand-in it validates empty text with (an empty unit a bound uses)', () => {
    // speed-test takes its minimum from speed-target: with speed-target's unit empty, the copy the
    // editor validates to find the problems behind empty text must not report a unit mismatch
    // with the stand-in word as speed-target's unit.
    const problems = problemsOf((draft) => (item(draft, 2).unit = ''));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'sections.0.items.2.unit', check: { key: 'unitEmpty' } }),
    ]);
  });

  it('finds a broken condition while the changelog and a title are still empty', () => {
    const problems = problemsOf((draft) => {
      draft.changelog = '';
      item(draft, 2).title = '';
      item(draft, 3).when = 'seats >=';
    });
    expect(problems.map((problem) => problem.field).sort()).toEqual([
      'changelog',
      'sections.0.items.2.title',
      'sections.0.items.3.when',
    ]);
  });

  it('puts a missing required field on the item that lacks it', () => {
    const problems = problemsOf((draft) => {
      delete item(draft, 0).min;
    });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'sections.0.items.0', message: expect.any(String) }),
    ]);
    expect(problems[0]?.message).not.toMatch(/^sections\[/);
  });

  it('refuses a version that is published or not newer than the newest published one', () => {
    expect(problemsOf((draft) => (draft.version = '1.0.0'))).toEqual([
      expect.objectContaining({
        field: 'version',
        check: { key: 'versionPublished', values: { version: '1.0.0' } },
      }),
    ]);
    expect(problemsOf((draft) => (draft.version = '1.1.0'), ['1.0.0', '1.2.0'])).toEqual([
      expect.objectContaining({
        field: 'version',
        check: {
          key: 'versionNotNewer',
          values: { version: '1.1.0', latest: '1.2.0', next: '1.3.0' },
        },
      }),
    ]);
    expect(problemsOf((draft) => (draft.version = '1.1'))).toEqual([
      expect.objectContaining({ field: 'version', message: expect.stringMatching(/semantic/) }),
      expect.objectContaining({ field: 'version', check: expect.anything() }),
    ]);
  });
});

describe('mapping paths to fields', () => {
  it('keeps fields edited as one value whole and a parameter’s choices as one field', () => {
    expect(fieldPathOf(['sections', 1, 'items', 2, 'dependsOn', 3])).toBe(
      'sections.1.items.2.dependsOn',
    );
    expect(fieldPathOf(['sections', 1, 'items', 2, 'max', 'item'])).toBe('sections.1.items.2.max');
    expect(fieldPathOf(['sections', 1, 'items', 2, 'sla', 'role'])).toBe('sections.1.items.2.sla');
    expect(fieldPathOf(['parameters', 0, 'choices', 1])).toBe('parameters.0.choices');
    expect(fieldPathOf(['sections', 0, 'items', 4, 'choices', 1, 'label'])).toBe(
      'sections.0.items.4.choices.1.label',
    );
    expect(fieldPathOf([])).toBe('');
  });

  it('drops the leading path of shape messages only', () => {
    expect(withoutLeadingPath('sections[0].items[2]: missing "unit": add it')).toBe(
      'missing "unit": add it',
    );
    expect(withoutLeadingPath('changelog: say what changed and why')).toBe(
      'say what changed and why',
    );
    expect(withoutLeadingPath('item "x" when: unknown parameter "desks"')).toBe(
      'item "x" when: unknown parameter "desks"',
    );
  });
});
