// Every translation key the renderer uses exists in English and in Spanish, and both languages
// have the same keys. The code is read with the TypeScript parser: t('a.b') and i18n.t('a.b'),
// t(`a.b.${x}`) (the prefix `a.b` must be a group of keys), t(NAMES[x]) where NAMES is a constant
// object of the same file (each of its values), any other expression whose type is a union of
// string literals (asked of the type checker), and <Trans i18nKey="a.b">. Plural forms count as
// their base key: `count_one` and `count_other` make `count`. The desktop feature registers its own
// strings at run time (renderer/features/desktop/desktop-text.ts): they count under `desktop.`.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';
import { desktopEn, desktopEs } from '../../../renderer/features/desktop/desktop-text';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['renderer'];
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Strings = { [key: string]: string | Strings };

/** Leaf keys ('runs.detail.notes') and group keys ('runs.detail') of a strings object. */
function keysOf(strings: Strings, prefix = ''): { leaves: Set<string>; groups: Set<string> } {
  const leaves = new Set<string>();
  const groups = new Set<string>();
  for (const [key, value] of Object.entries(strings)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      leaves.add(path.replace(PLURAL_SUFFIX, ''));
    } else {
      groups.add(path);
      const inner = keysOf(value, path);
      inner.leaves.forEach((leaf) => leaves.add(leaf));
      inner.groups.forEach((group) => groups.add(group));
    }
  }
  return { leaves, groups };
}

/** A key the code uses, where, and whether it names one string or a group (a dynamic suffix). */
interface UsedKey {
  key: string;
  kind: 'leaf' | 'group';
  at: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function isTranslateCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't';
}

/** String values of `const NAME = { ... }` (or `[...]`) declared in the file. */
function constantStrings(file: ts.SourceFile, name: string): string[] | undefined {
  let found: string[] | undefined;
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name &&
      node.initializer
    ) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) {
        found = init.properties.flatMap((property) =>
          ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)
            ? [property.initializer.text]
            : [],
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function usedKeys(program: ts.Program, path: string): { used: UsedKey[]; unresolved: string[] } {
  const file = program.getSourceFile(path);
  if (!file) throw new Error(`${path} is not in the program`);
  const checker = program.getTypeChecker();
  const used: UsedKey[] = [];
  const unresolved: string[] = [];
  const where = (node: ts.Node) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(ROOT, path)}:${line + 1}`;
  };
  const addExpression = (argument: ts.Expression) => {
    if (ts.isStringLiteralLike(argument)) {
      used.push({ key: argument.text, kind: 'leaf', at: where(argument) });
    } else if (ts.isTemplateExpression(argument)) {
      const prefix = argument.head.text;
      if (prefix.endsWith('.') && argument.templateSpans.length === 1) {
        const tail = argument.templateSpans[0]?.literal.text ?? '';
        if (tail === '') {
          used.push({ key: prefix.slice(0, -1), kind: 'group', at: where(argument) });
          return;
        }
      }
      unresolved.push(`${where(argument)} ${argument.getText(file)}`);
    } else if (ts.isConditionalExpression(argument)) {
      addExpression(argument.whenTrue);
      addExpression(argument.whenFalse);
    } else if (ts.isElementAccessExpression(argument) && ts.isIdentifier(argument.expression)) {
      const values = constantStrings(file, argument.expression.text);
      if (values !== undefined) {
        values.forEach((key) => used.push({ key, kind: 'leaf', at: where(argument) }));
      } else addByType(argument);
    } else {
      addByType(argument);
    }
  };
  const addByType = (argument: ts.Expression) => {
    const type = checker.getTypeAtLocation(argument);
    const members = type.isUnion() ? type.types : [type];
    if (members.every((member) => member.isStringLiteral())) {
      for (const member of members) {
        used.push({
          key: (member as ts.StringLiteralType).value,
          kind: 'leaf',
          at: where(argument),
        });
      }
    } else {
      unresolved.push(`${where(argument)} ${argument.getText(file)}`);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && isTranslateCall(node) && node.arguments[0]) {
      addExpression(node.arguments[0]);
    }
    if (
      ts.isJsxAttribute(node) &&
      node.name.getText(file) === 'i18nKey' &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      used.push({ key: node.initializer.text, kind: 'leaf', at: where(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { used, unresolved };
}

function scan(): { used: UsedKey[]; unresolved: string[] } {
  const files = SCANNED.flatMap((folder) => sourceFiles(join(ROOT, folder)));
  const program = ts.createProgram(files, {
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const results = files.map((path) => usedKeys(program, path));
  return {
    used: results.flatMap((result) => result.used),
    unresolved: results.flatMap((result) => result.unresolved),
  };
}

const LANGUAGES = {
  en: keysOf({ ...en, desktop: desktopEn } as Strings),
  es: keysOf({ ...es, desktop: desktopEs } as unknown as Strings),
};

describe('translation keys', () => {
  const { used, unresolved } = scan();

  it('finds the keys the code uses (the scanner works)', () => {
    expect(used.length).toBeGreaterThan(300);
    expect(used.map((entry) => entry.key)).toContain('runs.detail.notes');
    expect(used).toContainEqual(expect.objectContaining({ key: 'runs.status', kind: 'group' }));
  });

  it('can tell what every t() call asks for', () => {
    expect(unresolved).toEqual([]);
  });

  for (const [language, keys] of Object.entries(LANGUAGES)) {
    it(`every key used in the code exists in ${language}`, () => {
      const missing = used
        .filter((entry) =>
          entry.kind === 'leaf' ? !keys.leaves.has(entry.key) : !keys.groups.has(entry.key),
        )
        .map((entry) => `${entry.at} ${entry.key}${entry.kind === 'group' ? '.*' : ''}`);
      expect(missing).toEqual([]);
    });
  }

  it('English and Spanish have the same keys', () => {
    const onlyIn = (a: Set<string>, b: Set<string>) => [...a].filter((key) => !b.has(key));
    expect({
      onlyInEnglish: onlyIn(LANGUAGES.en.leaves, LANGUAGES.es.leaves),
      onlyInSpanish: onlyIn(LANGUAGES.es.leaves, LANGUAGES.en.leaves),
    }).toEqual({ onlyInEnglish: [], onlyInSpanish: [] });
  });
});
