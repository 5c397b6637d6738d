// A draft as the YAML file it becomes (checklists/<id>/<version>.yaml): what the validator checks,
// what Export saves and what Publish sends to the hub. Byte-stable: the same draft always gives
// the same bytes, whatever order its fields were stored in, because the output is rebuilt in the
// format's field order (the order of the published files) and written with fixed options.
// Fields are written only where they mean something: defaults (evidence none, change false,
// required true) and empty optional fields are left out, fields of other item types too; required
// fields are written even when empty, so the validator points at them. Markdown with line breaks
// is a `|-` block, long text a `>-` block, expressions in quotes, lists of ids on one line, as in
// the hand-written files. When a field is added to the format, add it here in its place.
import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import type {
  DraftDocument,
  DraftItem,
  DraftParameter,
  DraftSection,
} from '../../../storage/draft-repository';

/** The published files wrap at 100 columns. */
const LINE_WIDTH = 100;
/** Markdown fields: written as blocks when long or multi-line. */
const MARKDOWN_FIELDS = new Set(['guidance', 'description', 'changelog', 'help']);
/** Lists written on one line (`[a, b]`), as in the published files. */
const INLINE_LISTS = new Set(['dependsOn', 'tags']);

type Plain = Record<string, unknown>;

function put(target: Plain, key: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value === 'string' && value === '') return;
  if (typeof value === 'number' && Number.isNaN(value)) return;
  if (Array.isArray(value) && value.length === 0) return;
  target[key] = value;
}

function itemOut(item: DraftItem): Plain {
  const out: Plain = { id: item.id ?? '', title: item.title ?? '', type: item.type };
  switch (item.type) {
    case 'text':
      if (item.multiline === true) out.multiline = true;
      break;
    case 'number':
      out.unit = item.unit ?? '';
      put(out, 'min', item.min);
      put(out, 'max', item.max);
      if (item.sla !== undefined) {
        out.sla = { metric: item.sla.metric, priority: item.sla.priority, role: item.sla.role };
      }
      break;
    case 'count':
      put(out, 'min', item.min);
      out.unit = item.unit ?? '';
      break;
    case 'choice':
      out.choices = (item.choices ?? []).map((choice) => ({
        id: choice.id ?? '',
        label: choice.label ?? '',
        acceptable: choice.acceptable === true,
      }));
      break;
    case 'check':
    case 'date':
      break;
  }
  out.severity = item.severity ?? 'major';
  if (item.evidence !== undefined && item.evidence !== 'none') out.evidence = item.evidence;
  if (item.change === true) out.change = true;
  put(out, 'department', item.department);
  put(out, 'dependsOn', item.dependsOn === undefined ? undefined : [...item.dependsOn]);
  put(out, 'when', item.when);
  put(out, 'estimateMinutes', item.estimateMinutes);
  put(out, 'tags', item.tags === undefined ? undefined : [...item.tags]);
  put(out, 'guidance', item.guidance);
  return out;
}

function sectionOut(section: DraftSection): Plain {
  const out: Plain = {
    id: section.id ?? '',
    title: section.title ?? '',
    department: section.department ?? '',
  };
  put(out, 'description', section.description);
  out.items = (section.items ?? []).map(itemOut);
  return out;
}

function parameterOut(parameter: DraftParameter): Plain {
  const out: Plain = { id: parameter.id ?? '', label: parameter.label ?? '', type: parameter.type };
  if (parameter.type === 'choice') out.choices = [...(parameter.choices ?? [])];
  if (parameter.required === false) out.required = false;
  put(out, 'help', parameter.help);
  return out;
}

/** The draft as plain data in the file's field order, without what the file leaves out. */
export function exportableDraft(draft: DraftDocument): Plain {
  const out: Plain = {
    id: draft.id ?? '',
    version: draft.version ?? '',
    title: draft.title ?? '',
    kind: draft.kind,
  };
  put(out, 'description', draft.description);
  out.changelog = draft.changelog ?? '';
  out.departments = (draft.departments ?? []).map((department) => ({
    id: department.id ?? '',
    title: department.title ?? '',
  }));
  put(out, 'parameters', (draft.parameters ?? []).map(parameterOut));
  out.sections = (draft.sections ?? []).map(sectionOut);
  return out;
}

/** Keys of the root start at column 0, a section's at 4, an item's at 8: 4 more per list. */
function fitsOnItsLine(key: string, value: string, ancestors: readonly unknown[]): boolean {
  const column = 4 * ancestors.filter((node) => isSeq(node)).length;
  return column + key.length + 2 + value.length <= LINE_WIDTH;
}

function styleNodes(document: Document): void {
  visit(document, {
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.key)) return;
      const key = String(pair.key.value);
      const value = pair.value;
      if (isSeq(value)) {
        if (INLINE_LISTS.has(key) || (key === 'choices' && value.items.every(isScalar))) {
          value.flow = true;
        }
      } else if (isMap(value)) {
        if (key === 'min' || key === 'max' || key === 'sla') value.flow = true;
      } else if (isScalar(value) && typeof value.value === 'string') {
        if (key === 'min' || key === 'max') value.type = Scalar.QUOTE_SINGLE;
        else if (MARKDOWN_FIELDS.has(key)) {
          if (value.value.includes('\n')) value.type = Scalar.BLOCK_LITERAL;
          else if (!fitsOnItsLine(key, value.value, ancestors)) value.type = Scalar.BLOCK_FOLDED;
        }
      }
    },
  });
}

/** The draft's YAML text: LF line endings, one trailing newline, the same bytes for the same draft. */
export function draftToYaml(draft: DraftDocument): string {
  const document = new Document(exportableDraft(draft), { aliasDuplicateObjects: false });
  styleNodes(document);
  return document.toString({
    lineWidth: LINE_WIDTH,
    minContentWidth: 20,
    flowCollectionPadding: false,
    indentSeq: true,
  });
}

/** The file name the draft exports and validates as: `<id>/<version>.yaml`'s last part. */
export function draftFileName(draft: Pick<DraftDocument, 'id' | 'version'>): string {
  return `${draft.id}-${draft.version}.yaml`;
}
