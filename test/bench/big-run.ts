// A realistic big run for the browser benches (not a benchmark itself): the real new-office
// template (checklists/new-office, newest version) scaled to about 2,000 items by repeating its
// sections with renamed item ids (their conditions and dependencies kept, pointing within each
// copy), and a history of 6,000 events recorded by the core's rules (notes, starts, values, ticks
// in dependency order, 30 evidence files), as the app would have recorded them on this device.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { compareSemver, definitionContentHash } from '../../core/definitions';
import { definitionSchema, type ChecklistDefinition } from '../../core/definitions/schema';
import {
  recordAction,
  RunLog,
  runVisibility,
  type Action,
  type Actor,
  type AnswerValue,
  type AttachmentRef,
  type Run,
  type RunEvent,
} from '../../core/runs';
import { sha256HexOfBytes } from '../../core/reports';
import type { DefinitionRow } from '../../renderer/storage/database';
import { root } from './bench-browser';

const ID = 'new-office-large';

interface ItemText {
  id: string;
  dependsOn?: string[];
  [key: string]: unknown;
}

/** The newest new-office template with its sections repeated until it has >= `items` items. */
export function scaledNewOffice(items: number): DefinitionRow {
  const folder = join(root, 'checklists/new-office');
  const newest = readdirSync(folder)
    .map((name) => name.replace(/\.yaml$/, ''))
    .sort(compareSemver)
    .at(-1) as string;
  const source = parse(readFileSync(join(folder, `${newest}.yaml`), 'utf8')) as {
    sections: { id: string; items: ItemText[] }[];
    [key: string]: unknown;
  };
  const perCopy = source.sections.reduce((sum, section) => sum + section.items.length, 0);
  const copies = Math.ceil(items / perCopy);
  const sections = Array.from({ length: copies }, (_, copy) =>
    source.sections.map((section) => ({
      ...section,
      id: copy === 0 ? section.id : `${section.id}-${copy + 1}`,
      items: section.items.map((item) => ({
        ...item,
        id: copy === 0 ? item.id : `${item.id}-${copy + 1}`,
        ...(item.dependsOn
          ? { dependsOn: item.dependsOn.map((id) => (copy === 0 ? id : `${id}-${copy + 1}`)) }
          : {}),
      })),
    })),
  ).flat();
  const scaled = { ...source, id: ID, version: newest, sections };
  const text = stringify(scaled, { lineWidth: 0 });
  // The YAML is over the 1 MB a template file may have (definitions: split it), so it is parsed
  // by the schema directly; each copy is the published template, whose file validates.
  const definition = definitionSchema.parse(scaled);
  const hash = definitionContentHash(text);
  return {
    key: `${ID}@${newest}`,
    id: ID,
    version: newest,
    title: `${definition.title} (${copies} sites)`,
    kind: definition.kind,
    hash,
    source: 'imported',
    text,
    definition,
    addedAt: new Date().toISOString(),
  };
}

export const BIG_RUN_PARAMETERS = {
  seats: 120,
  country: 'DE',
  hasServerRoom: true,
  hasGuestWifi: true,
  hasCctv: true,
  workModel: 'hybrid',
};

export interface EvidenceFile {
  itemId: string;
  ref: AttachmentRef;
  text: string;
}

/**
 * `count` events on `run` by `actor` on `chain`, recorded by the core's rules; the first
 * `files` of them attach an evidence file (returned, with its bytes as text).
 */
export function bigHistory(
  definition: ChecklistDefinition,
  run: Run,
  chain: string,
  actor: Actor,
  count: number,
  files: number,
): { events: RunEvent[]; evidence: EvidenceFile[] } {
  const log = new RunLog(run.id);
  const visible = runVisibility(definition, run).visible.map((ref) => ref.item);
  const evidence: EvidenceFile[] = [];
  let minute = 0;
  const tryRecord = (action: Action): boolean => {
    const now = new Date(Date.UTC(2025, 4, 1, 8, minute++)).toISOString();
    const result = recordAction({ definition, run, log, chain, actor, now }, action);
    if (!result.ok) return false;
    log.add(result.event);
    return true;
  };
  for (let i = 0; i < files; i++) {
    const item = visible[i * 7]!;
    const text = `Evidence ${i} for ${item.id}: measured on site.\n`.repeat(400);
    const bytes = new TextEncoder().encode(text);
    const ref: AttachmentRef = {
      id: `evidence-${i}`,
      name: `evidence-${i}.txt`,
      mimeType: 'text/plain',
      size: bytes.length,
      sha256: sha256HexOfBytes(bytes),
    };
    if (tryRecord({ type: 'attach', itemId: item.id, attachment: ref }))
      evidence.push({ itemId: item.id, ref, text });
  }
  // Passes over the checklist, as a go-live goes: notes and starts, then values and ticks (in
  // dependency order, so a pass ticks what the previous one unblocked), until `count` events.
  for (let pass = 0; log.size < count && pass < 20; pass++) {
    for (const item of visible) {
      if (log.size >= count) break;
      if (pass === 0) {
        tryRecord({ type: 'setNotes', itemId: item.id, notes: `Checked with the site lead.` });
        continue;
      }
      const answer = log.answers().get(item.id);
      if (answer?.status === 'done') {
        tryRecord({ type: 'setNotes', itemId: item.id, notes: `Re-checked on pass ${pass}.` });
        continue;
      }
      const value: AnswerValue | undefined =
        item.type === 'number'
          ? { type: 'number', value: 1000 }
          : item.type === 'count'
            ? { type: 'count', legs: ['Leg A', 'Leg B', 'Leg C', 'Leg D'] }
            : item.type === 'text'
              ? { type: 'text', text: 'Done as planned.' }
              : item.type === 'date'
                ? { type: 'date', date: '2025-05-20' }
                : item.type === 'choice'
                  ? { type: 'choice', choiceId: item.choices[0]?.id ?? '' }
                  : undefined;
      if (value && !answer?.value) tryRecord({ type: 'setValue', itemId: item.id, value });
      if (item.change && !answer?.rollbackPlan) {
        tryRecord({ type: 'setRollbackPlan', itemId: item.id, rollbackPlan: 'Revert the change.' });
      }
      if (!tryRecord({ type: 'setStatus', itemId: item.id, status: 'done' })) {
        tryRecord({ type: 'start', itemId: item.id });
      }
    }
  }
  return { events: log.events(), evidence };
}
