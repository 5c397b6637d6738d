// Checklist definitions kept offline: the bundled templates seeded at start, and files imported by
// the user. Every text is validated by the core before it is stored. A published version is
// immutable: an id@version already stored with another content hash is never overwritten (seeding
// reports a conflict, an import is refused with a problem saying to publish a new version).
import { compareSemver, definitionContentHash, type Problem } from '../../core/definitions';
import { Dexie } from 'dexie';
import type { validateDefinitionText } from '../../core/definitions/validate-definition';
import type { DefinitionRow, DefinitionSource, GoLiveDatabase } from './database';

export interface BundledDefinitionFile {
  /** Where the file lives, e.g. checklists/new-office/1.1.0.yaml (the validator checks id/version against it). */
  path: string;
  text: string;
}

export interface SeedConflict {
  key: string;
  path: string;
  storedHash: string;
  storedSource: DefinitionSource;
  bundledHash: string;
}

export interface SeedReport {
  added: string[];
  unchanged: string[];
  conflicts: SeedConflict[];
  invalid: { path: string; problems: Problem[] }[];
}

export type ImportResult =
  | { ok: true; row: DefinitionRow; isNew: boolean }
  | { ok: false; reason: 'invalid' | 'version-exists'; problems: Problem[] };

let validator: Promise<{ validateDefinitionText: typeof validateDefinitionText }> | undefined;
const validatorModule = () => (validator ??= import('../../core/definitions/validate-definition'));

export function definitionKey(id: string, version: string): string {
  return `${id}@${version}`;
}

/** Newest version first. */
function byVersionDescending(a: DefinitionRow, b: DefinitionRow): number {
  return compareSemver(b.version, a.version);
}

/** Where the top-level `version:` key is, so the refusal points at the line to change. */
function versionLine(text: string): { line: number; column: number } {
  const index = text.split('\n').findIndex((line) => /^version\s*:/.test(line));
  return { line: index < 0 ? 1 : index + 1, column: 1 };
}

export function createDefinitionRepository(db: GoLiveDatabase, now: () => Date = () => new Date()) {
  type Validated = { row: DefinitionRow } | { problems: Problem[] };

  async function validatedRow(
    path: string,
    text: string,
    source: DefinitionSource,
  ): Promise<Validated> {
    // Loaded when first needed (its YAML parser is not part of the first page's code); waitFor
    // keeps a caller's transaction alive meanwhile (the hub's definitions arrive inside one).
    const { validateDefinitionText } = await Dexie.waitFor(validatorModule());
    const result = validateDefinitionText(text, path);
    if (!result.ok) return { problems: result.problems };
    const { definition, hash } = result;
    return {
      row: {
        key: definitionKey(definition.id, definition.version),
        id: definition.id,
        version: definition.version,
        title: definition.title,
        kind: definition.kind,
        hash,
        source,
        text,
        definition,
        addedAt: now().toISOString(),
      },
    };
  }

  /** The stored versions of one definition, newest first. */
  async function versionsOf(id: string): Promise<DefinitionRow[]> {
    const rows = await db.definitions.where('id').equals(id).toArray();
    return rows.sort(byVersionDescending);
  }

  return {
    /** Stores the bundled files that are not stored yet. Idempotent; never replaces a stored version. */
    async seedBundled(bundled: readonly BundledDefinitionFile[]): Promise<SeedReport> {
      const report: SeedReport = { added: [], unchanged: [], conflicts: [], invalid: [] };
      const stored = new Map((await db.definitions.toArray()).map((row) => [row.hash, row]));
      const candidates: { path: string; row: DefinitionRow }[] = [];
      for (const { path, text } of bundled) {
        const known = stored.get(definitionContentHash(text));
        if (known !== undefined) {
          // Same bytes already stored: no need to validate again at every start.
          report.unchanged.push(known.key);
          continue;
        }
        const validated = await validatedRow(path, text, 'bundled');
        if ('problems' in validated) report.invalid.push({ path, problems: validated.problems });
        else candidates.push({ path, row: validated.row });
      }
      await db.transaction('rw', db.definitions, async () => {
        for (const { path, row } of candidates) {
          const existing = await db.definitions.get(row.key);
          if (existing === undefined) {
            await db.definitions.add(row);
            report.added.push(row.key);
          } else if (existing.hash === row.hash) {
            report.unchanged.push(row.key);
          } else {
            report.conflicts.push({
              key: row.key,
              path,
              storedHash: existing.hash,
              storedSource: existing.source,
              bundledHash: row.hash,
            });
          }
        }
      });
      return report;
    },

    /** Validates and stores a definition file chosen by the user. Nothing is stored on error. */
    async importText(name: string, text: string): Promise<ImportResult> {
      const validated = await validatedRow(name, text, 'imported');
      if ('problems' in validated)
        return { ok: false, reason: 'invalid', problems: validated.problems };
      const { row } = validated;
      return db.transaction('rw', db.definitions, async (): Promise<ImportResult> => {
        const existing = await db.definitions.get(row.key);
        if (existing === undefined) {
          await db.definitions.add(row);
          return { ok: true, row, isNew: true };
        }
        if (existing.hash === row.hash) return { ok: true, row: existing, isNew: false };
        const message = `version ${row.version} already exists with different content: publish a new version`;
        return {
          ok: false,
          reason: 'version-exists',
          problems: [{ path: name, ...versionLine(text), message }],
        };
      });
    },

    /** Every stored version, by id, newest version first. */
    async list(): Promise<DefinitionRow[]> {
      const rows = await db.definitions.toArray();
      return rows.sort((a, b) => a.id.localeCompare(b.id) || byVersionDescending(a, b));
    },

    versionsOf,

    async get(id: string, version: string): Promise<DefinitionRow | undefined> {
      return db.definitions.get(definitionKey(id, version));
    },

    async latest(id: string): Promise<DefinitionRow | undefined> {
      return (await versionsOf(id))[0];
    },
  };
}

export type DefinitionRepository = ReturnType<typeof createDefinitionRepository>;
