// The architecture's boundaries are enforced by ESLint: these tests prove the rules bite, by
// linting deliberate violations as if they were files in core/ and renderer/.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// The deliberate violations are files no tsconfig includes, so the type-aware rules (which need
// the file in a TypeScript project) are switched off here; the boundary rules need no types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('core/ stays pure', () => {
  it.each([
    ["import Dexie from 'dexie';\nexport const db = Dexie;", 'dexie'],
    ["import { app } from 'electron';\nexport const a = app;", 'electron'],
    ["import { useState } from 'react';\nexport const s = useState;", 'react'],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", 'node:fs'],
    ["import { join } from 'path';\nexport const j = join;", 'path'],
    ["import { x } from '../renderer/storage/database';\nexport const y = x;", 'renderer'],
  ])('rejects %j', async (code, what) => {
    const messages = await lintAs('core/deliberate-violation.ts', code);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    expect(messages.join('\n')).toMatch(what === 'renderer' ? /adapters/ : /pure domain/);
  });

  it.each([
    'window.location.href',
    'document.title',
    'localStorage.getItem("k")',
    'fetch("/x")',
    'Date.now() + setTimeout(() => 0, 1)',
    'process.env.X',
  ])('rejects the platform global in %j', async (expression) => {
    const messages = await lintAs(
      'core/deliberate-violation.ts',
      `export const v = ${expression};`,
    );
    expect(messages.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('accepts pure code that imports zod', async () => {
    const messages = await lintAs(
      'core/deliberate-violation.ts',
      "import { z } from 'zod';\nexport const schema = z.string();",
    );
    expect(messages).toEqual([]);
  });
});

describe('the renderer never imports electron or node', () => {
  it.each([
    ["import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", /window\.app/],
    ["import { readFile } from 'node:fs/promises';\nexport const r = readFile;", /browser/],
    [
      "import { createMainWindow } from '../electron/main/main';\nexport const c = createMainWindow;",
      /electron\/common/,
    ],
  ])('rejects %j', async (code, message) => {
    const messages = await lintAs('renderer/deliberate-violation.ts', code);
    expect(messages.join('\n')).toMatch(message);
  });
});
