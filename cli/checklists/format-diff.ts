// Formats a DefinitionDiff as readable lines for the terminal: + added, - removed, ~ changed,
// > moved. Long text (guidance) is reported as changed without printing it; thresholds read as
// they are written in the YAML (2, "ceil(seats / 20)", { item: rto-hours }).
import type { DefinitionDiff, FieldChange } from '../../core/definitions';
import { isEmptyDiff } from '../../core/definitions';

const SUMMARIZED_FIELDS: ReadonlySet<string> = new Set(['guidance']);

export function formatDiff(diff: DefinitionDiff): string[] {
  const lines = [`${diff.from.id} ${diff.from.version} -> ${diff.to.id} ${diff.to.version}`];
  if (isEmptyDiff(diff)) return [...lines, 'no differences in sections, parameters or items'];
  const { sections, parameters, items } = diff;
  section(lines, 'sections', [
    ...sections.added.map((entry) => `+ ${entry.id} ${quote(entry.title)}`),
    ...sections.removed.map((entry) => `- ${entry.id} ${quote(entry.title)}`),
    ...sections.renamed.map(
      (entry) => `~ ${entry.id}: title ${quote(entry.fromTitle)} -> ${quote(entry.toTitle)}`,
    ),
  ]);
  section(lines, 'parameters', [
    ...parameters.added.map((id) => `+ ${id}`),
    ...parameters.removed.map((id) => `- ${id}`),
    ...parameters.changed.map((entry) => `~ ${entry.id}: ${entry.fields.join(', ')} changed`),
  ]);
  section(lines, 'items', [
    ...items.added.map((entry) => `+ ${entry.sectionId}/${entry.id} ${quote(entry.title)}`),
    ...items.removed.map((entry) => `- ${entry.sectionId}/${entry.id} ${quote(entry.title)}`),
    ...items.moved.map(
      (entry) => `> ${entry.id}: moved from section ${entry.fromSectionId} to ${entry.sectionId}`,
    ),
    ...items.changed.map((entry) => `~ ${entry.id}: ${entry.changes.map(formatChange).join('; ')}`),
  ]);
  lines.push(
    `summary: ${items.added.length} added, ${items.removed.length} removed, ${items.changed.length} changed, ${items.moved.length} moved items`,
  );
  return lines;
}

function section(lines: string[], title: string, entries: readonly string[]): void {
  if (entries.length === 0) return;
  lines.push(`${title}:`, ...entries.map((entry) => `  ${entry}`));
}

function formatChange(change: FieldChange): string {
  if (SUMMARIZED_FIELDS.has(change.field)) return `${change.field} changed`;
  const format = THRESHOLD_FIELDS.has(change.field) ? formatThreshold : formatValue;
  return `${change.field} ${format(change.from)} -> ${format(change.to)}`;
}

const THRESHOLD_FIELDS: ReadonlySet<string> = new Set(['min', 'max']);

function formatThreshold(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'item' in value) {
    return `{ item: ${String(value.item)} }`;
  }
  return formatValue(value);
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'none';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
