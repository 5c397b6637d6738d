// The templates shipped with the app: every checklists/<id>/<version>.yaml, inlined at build time
// by Vite, and seeded into IndexedDB once at start. Publishing a new version = adding its file to
// checklists/ (npm run checklists:publish); nothing here changes.
import type { GoLiveDatabase } from './database';
import {
  createDefinitionRepository,
  type BundledDefinitionFile,
  type DefinitionRepository,
  type SeedReport,
} from './definition-repository';

// Each file is its own chunk, loaded when seeding starts (after the first paint: 400 KB of YAML
// the first page need not wait for).
const files = import.meta.glob<string>('../../checklists/*/*.yaml', {
  query: '?raw',
  import: 'default',
});

/** Paths relative to the repository root (checklists/<id>/<version>.yaml), sorted. */
export async function loadBundledDefinitions(): Promise<readonly BundledDefinitionFile[]> {
  const loaded = await Promise.all(
    Object.entries(files).map(async ([path, load]) => ({
      path: path.replace(/^(?:\.\.\/)+/, ''),
      text: await load(),
    })),
  );
  return loaded.sort((a, b) => a.path.localeCompare(b.path));
}

export type SeededDefinitionRepository = DefinitionRepository & {
  /** Settles once the bundled templates are stored; never rejects (a failure is in the report). */
  seeded: Promise<SeedReport | { error: string }>;
};

/**
 * The repository, with the bundled templates seeded once per app start, when `startAfter` settles
 * (the app passes its first paint: the first page need not fetch or validate the templates).
 */
export function createSeededDefinitionRepository(
  db: GoLiveDatabase,
  startAfter: Promise<void> = Promise.resolve(),
): SeededDefinitionRepository {
  const repository = createDefinitionRepository(db);
  const seeded = startAfter
    .then(loadBundledDefinitions)
    .then((bundled) => repository.seedBundled(bundled))
    .then(
      (report) => {
        if (report.conflicts.length > 0 || report.invalid.length > 0)
          console.warn('bundled definitions not stored', report.conflicts, report.invalid);
        return report;
      },
      (error: unknown) => {
        console.error('seeding the bundled definitions failed', error);
        return { error: error instanceof Error ? error.message : String(error) };
      },
    );
  return { ...repository, seeded };
}
