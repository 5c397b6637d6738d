// Drafts of a template's next version, kept on this device until they are published (schema v6).
// One draft per template: starting another while one exists returns the one there, so a second
// click or a second window never throws work away. The editor saves the whole draft on every
// change; a save after the draft was discarded (or published) does not bring it back.
// The document is the definition as the author is writing it, possibly invalid: every field of the
// format, each item with the fields of every type (only those of its type are exported), so
// switching an item's type back and forth loses nothing.
import type {
  DefinitionKind,
  Item,
  ItemType,
  Parameter,
  Severity,
  Threshold,
} from '../../core/definitions/schema';
import type { GoLiveDatabase } from './database';

export interface DraftChoice {
  id: string;
  label: string;
  acceptable: boolean;
}

export interface DraftSla {
  metric: 'response' | 'resolution';
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  role: 'target' | 'measured';
}

export interface DraftItem {
  id: string;
  title: string;
  type: ItemType;
  guidance?: string;
  severity: Severity;
  evidence: 'none' | 'optional' | 'required';
  dependsOn: string[];
  estimateMinutes?: number;
  change: boolean;
  when?: string;
  department?: string;
  tags: string[];
  /** text */
  multiline?: boolean;
  /** number, count */
  unit?: string;
  /** number, count */
  min?: Threshold;
  /** number */
  max?: Threshold;
  /** number */
  sla?: DraftSla;
  /** choice */
  choices?: DraftChoice[];
}

export interface DraftParameter {
  id: string;
  label: string;
  type: Parameter['type'];
  choices?: string[];
  required: boolean;
  help?: string;
}

export interface DraftSection {
  id: string;
  title: string;
  department: string;
  description?: string;
  items: DraftItem[];
}

export interface DraftDocument {
  id: string;
  version: string;
  title: string;
  kind: DefinitionKind;
  description?: string;
  changelog: string;
  departments: { id: string; title: string }[];
  parameters: DraftParameter[];
  sections: DraftSection[];
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type IsTrue<T extends true> = T;
/**
 * Compile-time proof that a draft item can hold every field of every item type: a field added to
 * the format (core/definitions/schema.ts) fails the type check here until the draft has it too.
 */
export type DraftCoversEveryItemField = IsTrue<
  [Exclude<KeysOfUnion<Item>, keyof DraftItem>] extends [never] ? true : false
>;

export interface TemplateDraftRow {
  /** The template's id: one draft per template. */
  definitionId: string;
  /** The published version the draft started from, and its content hash. */
  baseVersion: string;
  baseHash: string;
  document: DraftDocument;
  createdAt: string;
  updatedAt: string;
}

export type NewDraft = Omit<TemplateDraftRow, 'createdAt' | 'updatedAt'>;

export type CreateDraftResult =
  { isNew: true; row: TemplateDraftRow } | { isNew: false; row: TemplateDraftRow };

export function createDraftRepository(db: GoLiveDatabase, now: () => Date = () => new Date()) {
  return {
    async get(definitionId: string): Promise<TemplateDraftRow | undefined> {
      return db.templateDrafts.get(definitionId);
    },

    /** Every draft on this device, the most recently edited first. */
    async list(): Promise<TemplateDraftRow[]> {
      return (await db.templateDrafts.orderBy('updatedAt').toArray()).reverse();
    },

    /** Starts a draft, unless the template has one already: then that one is returned, untouched. */
    async create(draft: NewDraft): Promise<CreateDraftResult> {
      return db.transaction('rw', db.templateDrafts, async (): Promise<CreateDraftResult> => {
        const existing = await db.templateDrafts.get(draft.definitionId);
        if (existing !== undefined) return { isNew: false, row: existing };
        const at = now().toISOString();
        const row: TemplateDraftRow = { ...draft, createdAt: at, updatedAt: at };
        await db.templateDrafts.add(row);
        return { isNew: true, row };
      });
    },

    /**
     * Replaces the draft's document. False when there is no draft any more (discarded or published
     * meanwhile, perhaps in another window): nothing is written then.
     */
    async save(definitionId: string, document: DraftDocument): Promise<boolean> {
      return db.transaction('rw', db.templateDrafts, async () => {
        const existing = await db.templateDrafts.get(definitionId);
        if (existing === undefined) return false;
        await db.templateDrafts.put({ ...existing, document, updatedAt: now().toISOString() });
        return true;
      });
    },

    async discard(definitionId: string): Promise<void> {
      await db.templateDrafts.delete(definitionId);
    },
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;
