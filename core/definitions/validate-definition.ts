// Validates the text of one definition file: raw-text checks, YAML syntax, unsafe content, the zod
// shape (schema.ts) and the semantic rules (check-*.ts), in that order. Every problem carries a
// 1-based line:column and a message that says how to fix it. Never throws: a bug in here becomes
// a problem at 1:1, never a stack trace. To add a rule: write a SemanticCheck and list it below.
import { checkDependencies } from './check-dependencies';
import { checkFilePath } from './check-file-path';
import { checkIdentifiers } from './check-identifiers';
import { checkItems } from './check-items';
import { checkParameters } from './check-parameters';
import { checkThresholds } from './check-thresholds';
import { checkWhen } from './check-when';
import type { CheckContext, SemanticCheck } from './check-context';
import { definitionContentHash } from './content-hash';
import { finalizeProblems, MAX_PROBLEMS_PER_FILE, type NodePath, type Problem } from './problem';
import { definitionSchema, type ChecklistDefinition } from './schema';
import { shapeProblems } from './shape-problems';
import { precheckText } from './text-precheck';
import { findUnsafeContent } from './unsafe-content';
import { locate, parseYamlSource, toPlainValue } from './yaml-source';

export interface DefinitionCounts {
  sections: number;
  items: number;
  departments: number;
}

export type ValidationResult =
  | { ok: true; definition: ChecklistDefinition; hash: string; counts: DefinitionCounts }
  | { ok: false; problems: Problem[] };

const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  checkFilePath,
  checkIdentifiers,
  checkParameters,
  checkItems,
  checkDependencies,
  checkWhen,
  checkThresholds,
];

export function validateDefinitionText(text: string, path: string): ValidationResult {
  const filePath = typeof path === 'string' ? path : String(path);
  try {
    return validate(text, filePath);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return failed(filePath, [
      {
        path: filePath,
        line: 1,
        column: 1,
        message: `the validator failed on this file (${reason.slice(0, 200)}): please report it with the file attached`,
      },
    ]);
  }
}

function validate(text: string, path: string): ValidationResult {
  if (typeof text !== 'string') {
    return failed(path, [
      { path, line: 1, column: 1, message: 'the file could not be read as text' },
    ]);
  }
  const textProblems = precheckText(text, path);
  if (textProblems.length > 0) return failed(path, textProblems);

  const parsed = parseYamlSource(text, path);
  if (!parsed.ok) return failed(path, parsed.problems);
  const source = parsed.source;

  const unsafe = findUnsafeContent(source, path);
  if (unsafe.blocking.length > 0) return failed(path, unsafe.blocking);
  const plain = toPlainValue(source, path);
  if (!plain.ok) return failed(path, plain.problems);

  const problems: Problem[] = [...unsafe.text];
  const report = (at: NodePath, message: string, options?: Parameters<typeof locate>[2]): void => {
    // Beyond the cap nothing is shown, so skip locating (linear in the siblings of each node).
    if (problems.length <= MAX_PROBLEMS_PER_FILE) {
      problems.push({ path, ...locate(source, at, options), message });
    }
  };
  const shape = definitionSchema.safeParse(plain.value);
  if (!shape.success) {
    if (plain.value === null || typeof plain.value !== 'object' || Array.isArray(plain.value)) {
      return failed(path, [
        {
          path,
          line: 1,
          column: 1,
          message:
            'a definition is a mapping of fields (id: ..., version: ..., sections: ...), not a single value or a list: see checklists/README.md',
        },
      ]);
    }
    for (const problem of shapeProblems(shape.error.issues, plain.value)) {
      report(problem.at, problem.message, problem.options);
    }
    return failed(path, problems);
  }

  const definition = shape.data;
  const context: CheckContext = {
    definition,
    filePath: path,
    report,
    lineOf: (at) => locate(source, at).line,
  };
  for (const check of SEMANTIC_CHECKS) check(context);
  if (problems.length > 0) return failed(path, problems);
  return { ok: true, definition, hash: definitionContentHash(text), counts: countsOf(definition) };
}

export function countsOf(definition: ChecklistDefinition): DefinitionCounts {
  return {
    sections: definition.sections.length,
    items: definition.sections.reduce((total, section) => total + section.items.length, 0),
    departments: definition.departments.length,
  };
}

function failed(path: string, problems: readonly Problem[]): ValidationResult {
  return { ok: false, problems: finalizeProblems(problems, path) };
}
