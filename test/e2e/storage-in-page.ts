// Puts the app's real storage layer (renderer/storage: Dexie database + run repository) into a page
// of the running web app, so the crash test and the tick benchmark exercise the same code the
// run screen calls, in real Chromium IndexedDB, before (or without) driving the UI. The bundle is
// evaluated through DevTools, which the page's CSP does not govern; production code exposes nothing.
// Also: a generated template of any size, as the app stores it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { stringify } from 'yaml';
import {
  definitionContentHash,
  definitionSchema,
  type DefinitionInput,
} from '../../core/definitions';
import type { DefinitionRow, openDatabase } from '../../renderer/storage/database';
import type { createRunRepository } from '../../renderer/storage/run-repository';

export interface StorageInPage {
  openDatabase: typeof openDatabase;
  createRunRepository: typeof createRunRepository;
}

declare global {
  interface Window {
    goLiveStorage?: StorageInPage;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
let bundle: Promise<string> | undefined;

function bundleStorage(): Promise<string> {
  bundle ??= build({
    stdin: {
      contents: [
        "import { openDatabase } from './renderer/storage/database';",
        "import { createRunRepository } from './renderer/storage/run-repository';",
        'window.goLiveStorage = { openDatabase, createRunRepository };',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bundle;
}

/**
 * Makes window.goLiveStorage available in the page (again after every navigation). Also defines
 * esbuild's `__name` helper: under tsx, functions passed to page.evaluate carry calls to it.
 */
export async function installStorage(page: Page): Promise<void> {
  await page.evaluate(`globalThis.__name ??= (target) => target;\n${await bundleStorage()}`);
}

/** A valid template with `items` check items in sections of 100, stored as the app stores it. */
export function generatedDefinitionRow(items: number, id = 'generated-office'): DefinitionRow {
  const sections = Array.from({ length: Math.ceil(items / 100) }, (_, s) => ({
    id: `section-${s + 1}`,
    title: `Section ${s + 1}`,
    department: 'network',
    items: Array.from({ length: Math.min(100, items - s * 100) }, (_, i) => ({
      id: `item-${s * 100 + i + 1}`,
      title: `Item ${s * 100 + i + 1}`,
      type: 'check' as const,
      severity: 'minor' as const,
    })),
  }));
  const input: DefinitionInput = {
    id,
    version: '1.0.0',
    title: `Generated office (${items} items)`,
    kind: 'new-office',
    changelog: 'Generated for tests.',
    departments: [{ id: 'network', title: 'Network' }],
    sections,
  };
  const text = stringify(input);
  const definition = definitionSchema.parse(input);
  return {
    key: `${id}@1.0.0`,
    id,
    version: '1.0.0',
    title: definition.title,
    kind: definition.kind,
    hash: definitionContentHash(text),
    source: 'imported',
    text,
    definition,
    addedAt: new Date().toISOString(),
  };
}
