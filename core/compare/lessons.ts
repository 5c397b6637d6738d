// "Never the same mistake twice": the lessons learned of every sign-off of one template, as the
// input for its next version. Each report's lessons text is split into points (paragraphs and
// list items); each point is linked to the items it mentions, by item id ("isp-lines") or by item
// title ("ISP lines"), case-insensitive and on word boundaries; when one match lies inside a longer
// one ("Firewall" in "Firewall rules"), only the longer counts.
// Grouped by template version (newest first), then by item (most mentioned first); points that
// name no item are kept apart, never dropped. Only the latest revision of each report counts: a
// revision after a send-back replaces the lessons of the one before. Titles and ids come from the
// version's definition in the catalog, else from the items the reports of that version list.
import { compareSemver } from '../definitions/semver';
import type { ReportBody, SignedReport } from '../reports/report-format';
import type { DefinitionCatalog } from './catalog';
import { EMPTY_CATALOG } from './catalog';

export interface LessonPoint {
  text: string;
  runId: string;
  office: string;
  runName: string;
  revision: number;
  signedAt: string;
  /** Items the point mentions, in definition order. */
  itemIds: string[];
}

export interface LessonItemGroup {
  itemId: string;
  title: string;
  sectionId: string | null;
  points: LessonPoint[];
}

export interface VersionLessons {
  version: string;
  /** Sign-offs (latest revisions) of this version. */
  signOffs: number;
  /** Of those, the ones that wrote any lessons. */
  withLessons: number;
  byItem: LessonItemGroup[];
  /** Points that mention no item of the version. */
  unmatched: LessonPoint[];
}

export interface TemplateLessons {
  definitionId: string;
  /** Newest version first. */
  versions: VersionLessons[];
}

export interface MentionableItem {
  id: string;
  title: string;
}

interface VersionItem extends MentionableItem {
  sectionId: string | null;
}

export function lessonsOfTemplate(
  reports: Iterable<ReportBody | SignedReport>,
  options: { definitionId: string; catalog?: DefinitionCatalog },
): TemplateLessons {
  const catalog = options.catalog ?? EMPTY_CATALOG;
  const latest = new Map<string, ReportBody>();
  for (const report of reports) {
    const body = 'body' in report ? report.body : report;
    if (body.definition.id !== options.definitionId) continue;
    const known = latest.get(body.reportId);
    if (known === undefined || body.revision > known.revision) latest.set(body.reportId, body);
  }
  const byVersion = new Map<string, ReportBody[]>();
  for (const body of latest.values()) {
    const list = byVersion.get(body.definition.version) ?? [];
    list.push(body);
    byVersion.set(body.definition.version, list);
  }
  const versions = [...byVersion.keys()].sort(compareSemver).reverse();
  return {
    definitionId: options.definitionId,
    versions: versions.map((version) => {
      const bodies = (byVersion.get(version) ?? []).sort(
        (a, b) =>
          Date.parse(a.signedAt) - Date.parse(b.signedAt) || (a.reportId < b.reportId ? -1 : 1),
      );
      return versionLessons(
        version,
        bodies,
        itemsOfVersion(options.definitionId, version, bodies, catalog),
      );
    }),
  };
}

function versionLessons(
  version: string,
  bodies: readonly ReportBody[],
  items: readonly VersionItem[],
): VersionLessons {
  const matcher = mentionMatcher(items);
  const groups = new Map<string, LessonPoint[]>();
  const unmatched: LessonPoint[] = [];
  let withLessons = 0;
  for (const body of bodies) {
    const texts = splitLessonPoints(body.lessonsLearned);
    if (texts.length > 0) withLessons += 1;
    for (const text of texts) {
      const point: LessonPoint = {
        text,
        runId: body.reportId,
        office: body.run.office,
        runName: body.run.name,
        revision: body.revision,
        signedAt: body.signedAt,
        itemIds: matcher(text),
      };
      if (point.itemIds.length === 0) unmatched.push(point);
      for (const itemId of point.itemIds) {
        const list = groups.get(itemId) ?? [];
        list.push(point);
        groups.set(itemId, list);
      }
    }
  }
  const position = new Map(items.map((item, index) => [item.id, index]));
  const byItem: LessonItemGroup[] = items
    .filter((item) => groups.has(item.id))
    .map((item) => ({
      itemId: item.id,
      title: item.title,
      sectionId: item.sectionId,
      points: groups.get(item.id) ?? [],
    }))
    .sort(
      (a, b) =>
        b.points.length - a.points.length ||
        (position.get(a.itemId) ?? 0) - (position.get(b.itemId) ?? 0),
    );
  return { version, signOffs: bodies.length, withLessons, byItem, unmatched };
}

function itemsOfVersion(
  definitionId: string,
  version: string,
  bodies: readonly ReportBody[],
  catalog: DefinitionCatalog,
): VersionItem[] {
  const definition = catalog.get(definitionId, version);
  if (definition !== undefined) {
    return definition.sections.flatMap((section) =>
      section.items.map((item) => ({ id: item.id, title: item.title, sectionId: section.id })),
    );
  }
  const items = new Map<string, VersionItem>();
  for (const body of bodies) {
    for (const section of body.sections) {
      for (const item of section.items) {
        if (!items.has(item.id)) {
          items.set(item.id, { id: item.id, title: item.title, sectionId: section.id });
        }
      }
    }
  }
  for (const body of bodies) {
    for (const id of body.hiddenItems) {
      // A hidden item's title is not in the report: it can be mentioned by id only.
      if (!items.has(id)) items.set(id, { id, title: id, sectionId: null });
    }
  }
  return [...items.values()];
}

const BULLET = /^(?:[-*•]|\d{1,3}[.)])\s+/;

/** Paragraphs and list items of a lessons text, trimmed, without their list markers. */
export function splitLessonPoints(text: string): string[] {
  const points: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const joined = current.join(' ').trim();
    if (joined !== '') points.push(joined);
    current = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') flush();
    else if (BULLET.test(trimmed)) {
      flush();
      current.push(trimmed.replace(BULLET, ''));
    } else current.push(trimmed);
  }
  flush();
  return points;
}

const ID_CHAR = /[a-z0-9-]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Shorter ids and titles ("ui", "DB") match too much ordinary text to be links. */
const MIN_MENTION_LENGTH = 3;

/** The items a text mentions (by id or by title), in the order of `items`. */
export function findMentionedItems(text: string, items: readonly MentionableItem[]): string[] {
  return mentionMatcher(items)(text);
}

function mentionMatcher(items: readonly MentionableItem[]): (text: string) => string[] {
  const prepared = items.map((item, index) => ({
    id: item.id,
    idNeedle: item.id.toLowerCase(),
    titleNeedle: item.title.trim().toLowerCase(),
    index,
  }));
  return (text) => {
    const haystack = text.toLowerCase();
    const spans: { index: number; start: number; end: number }[] = [];
    for (const item of prepared) {
      if (item.idNeedle.length >= MIN_MENTION_LENGTH) {
        for (const start of occurrences(haystack, item.idNeedle, ID_CHAR)) {
          spans.push({ index: item.index, start, end: start + item.idNeedle.length });
        }
      }
      if (item.titleNeedle.length >= MIN_MENTION_LENGTH && item.titleNeedle !== item.idNeedle) {
        for (const start of occurrences(haystack, item.titleNeedle, WORD_CHAR)) {
          spans.push({ index: item.index, start, end: start + item.titleNeedle.length });
        }
      }
    }
    const kept = spans.filter(
      (span) =>
        !spans.some(
          (other) =>
            other.end - other.start > span.end - span.start &&
            other.start <= span.start &&
            other.end >= span.end,
        ),
    );
    const found = new Set(kept.map((span) => span.index));
    return [...found].sort((a, b) => a - b).map((index) => prepared[index]?.id ?? '');
  };
}

/** Start offsets of `needle` in `haystack` where it is not part of a longer word. */
function occurrences(haystack: string, needle: string, wordChar: RegExp): number[] {
  const starts: number[] = [];
  if (needle === '') return starts;
  let from = haystack.indexOf(needle);
  while (from !== -1) {
    const before = haystack[from - 1];
    const after = haystack[from + needle.length];
    const isBounded =
      (before === undefined || !wordChar.test(before)) &&
      (after === undefined || !wordChar.test(after));
    if (isBounded) starts.push(from);
    from = haystack.indexOf(needle, from + 1);
  }
  return starts;
}
