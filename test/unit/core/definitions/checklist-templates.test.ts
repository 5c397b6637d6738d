// The real templates in checklists/ (when present) validate, and ids/versions match their paths.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDefinitionText } from '../../../../core/definitions';

const checklistsDirectory = path.resolve(import.meta.dirname, '../../../../checklists');
const templates = existsSync(checklistsDirectory)
  ? readdirSync(checklistsDirectory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        readdirSync(path.join(checklistsDirectory, entry.name))
          .filter((name) => name.endsWith('.yaml'))
          .map((name) => `checklists/${entry.name}/${name}`),
      )
  : [];

describe.skipIf(templates.length === 0)('checklists/ templates', () => {
  it.each(templates)('%s is valid', (relativePath) => {
    const text = readFileSync(path.resolve(checklistsDirectory, '..', relativePath), 'utf8');
    const result = validateDefinitionText(text, relativePath);
    expect(
      result.ok
        ? []
        : result.problems.map(
            (problem) => `${problem.path}:${problem.line}:${problem.column}: ${problem.message}`,
          ),
    ).toEqual([]);
  });
});
