// The sign-off PDF as a pdfmake document definition: a pure function of the signed report, so its
// structure is unit-testable without rendering. Pages: cover (decision, signatures, fingerprint and
// its QR code), summary per section with blockers / waivers / failing items, every item section by
// section, lessons learned, and a closing "How to verify" box.
// Escaping: every string from the report goes through `plain` / `line` (pdf-text.ts) and is placed
// only in pdfmake `text` nodes, which draw text as it is. Report text never becomes an image source,
// a link, a style name or a label placeholder. Thumbnails are referenced by generated keys.
// When the report format changes (core/reports/report-format.ts), update this module and its test.
import type {
  Column,
  Content,
  ContentTable,
  TDocumentDefinitions,
  TableCell,
} from 'pdfmake/interfaces';
import type {
  ReportBody,
  ReportItem,
  Signature,
  SignedReport,
} from '../../core/reports/report-format';
import { keyFingerprint } from '../../core/reports/ed25519';
import { whoDidWhat } from '../../core/reports/who-did-what';
import { notIncludedAttachments } from '../../core/reports/evidence-not-included';
import { actualMinutesOf } from '../../core/runs/progress';
import { formatMinutes } from '../../core/runs/dates';
import type { Actor, AnswerValue, ItemStatus } from '../../core/runs/model';
import { DEFAULT_PDF_LABELS, type PdfLabels } from './pdf-labels';
import {
  breakable,
  bytesToBase64,
  fill,
  formatBytes,
  formatNumber,
  formatPdfDay,
  formatTimestamp,
  groupedHash,
  ISO_PDF_DATES,
  line,
  plain,
  shortHash,
  type PdfDates,
} from './pdf-text';
import type { Parameter } from '../../core/definitions/schema';

export interface ReportThumbnail {
  bytes: Uint8Array;
  mimeType: 'image/jpeg' | 'image/png';
}

export interface ReportPdfOptions {
  /** Small images of attachments, keyed by the attachment's sha256. */
  thumbnails: ReadonlyMap<string, ReportThumbnail>;
  /** Fixed strings of the document; English when omitted. */
  labels?: PdfLabels;
  /** BCP 47 language of the labels (number format, the PDF's /Lang). */
  language: string;
  /** ISO 8601: when the PDF was made (printed in the footer). */
  generatedAt: string;
  /** SHA-256 hex of the canonical report body (reportHash). */
  reportHash: string;
  /** Dates by language or ISO 8601 (the default); times are always in UTC. */
  dates?: PdfDates;
  /** The template's parameters, so the cover reads "Server room on site: No", not "hasServerRoom: false". */
  parameters?: readonly Parameter[];
}

export interface DocumentDefinitionOptions extends ReportPdfOptions {
  /** File name of the signed report embedded in the PDF, named in the "How to verify" box. */
  embeddedFileName: string;
}

/** Most thumbnails in one row of an item's grid. */
const THUMBNAILS_PER_ROW = 5;
const THUMBNAIL_BOX: [number, number] = [88, 66];
/** Items with less text than this are kept on one page. */
const UNBREAKABLE_TEXT = 1_500;

const COLOR = {
  text: '#1f2328',
  muted: '#59636e',
  rule: '#d1d9e0',
  headerFill: '#f1f3f5',
  boxFill: '#f6f8fa',
} as const;

const STATUS_COLOR: Record<ItemStatus, { text: string; fill: string }> = {
  done: { text: '#116329', fill: '#e6f4ea' },
  'not-applicable': { text: '#4b535d', fill: '#eef0f2' },
  blocked: { text: '#a40e26', fill: '#fde8ea' },
  open: { text: '#7d4e00', fill: '#fff5d6' },
};

const DECISION_COLOR: Record<ReportBody['gate']['decision'], { text: string; fill: string }> = {
  go: { text: '#116329', fill: '#e6f4ea' },
  'go-with-waivers': { text: '#7d4e00', fill: '#fff5d6' },
  'no-go': { text: '#a40e26', fill: '#fde8ea' },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start like the image type they claim (pdfkit throws on anything else). */
export function isEmbeddableImage(thumbnail: ReportThumbnail): boolean {
  const { bytes, mimeType } = thumbnail;
  if (mimeType === 'image/png') return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
  if (mimeType === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return false;
}

interface Context {
  body: ReportBody;
  labels: PdfLabels;
  language: string;
  reportHash: string;
  thumbnails: ReadonlyMap<string, ReportThumbnail>;
  dates: PdfDates;
  parameters: readonly Parameter[];
  /** Image dictionary of the document: generated key -> data URL. */
  images: Record<string, string>;
  /** Attachment sha256 -> image key, so a photo attached twice is embedded once. */
  imageKeys: Map<string, string>;
}

/** Builds the pdfmake document definition of a signed report. Pure: no clock, no I/O. */
export function reportDocumentDefinition(
  signed: SignedReport,
  options: DocumentDefinitionOptions,
): TDocumentDefinitions {
  const { body } = signed;
  const labels = options.labels ?? DEFAULT_PDF_LABELS;
  const context: Context = {
    body,
    labels,
    language: options.language,
    reportHash: line(options.reportHash),
    thumbnails: options.thumbnails,
    dates: options.dates ?? ISO_PDF_DATES,
    parameters: options.parameters ?? [],
    images: {},
    imageKeys: new Map(),
  };
  const runName = line(body.run.name);
  const headerFingerprint = fill(labels.headerFingerprint, {
    fingerprint: groupedHash(context.reportHash),
  });
  const generated = fill(labels.generatedAt, {
    time: formatTimestamp(context.dates, options.generatedAt),
  });

  const content = wrapLongRuns([
    ...cover(context, signed.signatures),
    ...summary(context),
    ...items(context),
    ...lessonsLearned(context),
    verifyBox(context, options.embeddedFileName),
  ]) as Content[];

  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 48, 40, 44],
    language: options.language,
    info: {
      title: `${labels.documentTitle}: ${runName}`,
      subject: `${line(body.definition.title)} ${line(body.definition.version)}`,
      keywords: context.reportHash,
      creator: 'Go-live Checklists',
      producer: 'Go-live Checklists (pdfmake)',
    },
    header: () => ({
      columns: [
        { text: breakable(runName), bold: true, width: '*' },
        { text: headerFingerprint, alignment: 'right', width: 'auto' },
      ],
      columnGap: 12,
      fontSize: 7.5,
      color: COLOR.muted,
      margin: [40, 22, 40, 0],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: generated, width: '*' },
        {
          text: fill(labels.pageOf, { page: currentPage, pages: pageCount }),
          alignment: 'right',
          width: 'auto',
        },
      ],
      fontSize: 7.5,
      color: COLOR.muted,
      margin: [40, 16, 40, 0],
    }),
    content,
    images: context.images,
    defaultStyle: { font: 'Roboto', fontSize: 8.5, lineHeight: 1.15, color: COLOR.text },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 11, bold: true, margin: [0, 12, 0, 5] },
      muted: { color: COLOR.muted },
      label: { fontSize: 7.5, color: COLOR.muted },
      tableHeader: { bold: true, fontSize: 7.5, color: COLOR.muted, fillColor: COLOR.headerFill },
    },
  };
}

// --- building blocks -------------------------------------------------------------------------

/** Inline pieces of a text node's text, keeping the node's own style on each piece. */
function wrapInlines(text: unknown[]): unknown[] {
  return text.flatMap((inline) => {
    if (typeof inline === 'string') return breakable(inline);
    if (
      inline &&
      typeof inline === 'object' &&
      'text' in inline &&
      typeof inline.text === 'string'
    ) {
      const pieces = breakable(inline.text);
      return typeof pieces === 'string'
        ? [inline]
        : pieces.map((piece) => ({ ...inline, text: piece }));
    }
    return [inline];
  });
}

/**
 * Makes every text of the content wrappable (see `breakable`): long hashes, URLs and paths from the
 * report wrap inside their column instead of running off the page.
 */
function wrapLongRuns(node: unknown): unknown {
  if (typeof node === 'string') {
    const pieces = breakable(node);
    return typeof pieces === 'string' ? node : { text: pieces };
  }
  if (Array.isArray(node)) return node.map(wrapLongRuns);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text') {
      const pieces = typeof value === 'string' ? breakable(value) : value;
      out.text = Array.isArray(pieces) ? wrapInlines(pieces) : pieces;
    } else if (
      key === 'stack' ||
      key === 'columns' ||
      key === 'ul' ||
      key === 'table' ||
      key === 'body'
    ) {
      out[key] = wrapLongRuns(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const THIN_LINES = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: () => COLOR.rule,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

const FIELD_LINES = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 6,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

function boxLayout(color: string) {
  return {
    hLineWidth: () => 0.75,
    vLineWidth: () => 0.75,
    hLineColor: () => color,
    vLineColor: () => color,
    paddingLeft: () => 10,
    paddingRight: () => 10,
    paddingTop: () => 8,
    paddingBottom: () => 8,
  };
}

/** A data table with a header row repeated on each page; `numeric` columns align right. */
function dataTable(
  widths: (number | string)[],
  header: string[],
  rows: TableCell[][],
  numeric: number[] = [],
): Content {
  const headerRow: TableCell[] = header.map((text, index) => ({
    text,
    style: 'tableHeader',
    alignment: numeric.includes(index) ? 'right' : 'left',
  }));
  const table: ContentTable = {
    table: { headerRows: 1, widths, body: [headerRow, ...rows] },
    layout: THIN_LINES,
    margin: [0, 0, 0, 4],
  };
  return table;
}

/** "312 events · 3 devices" (shared history) or "120 events · a1b2c3…" (one log). */
function eventLogText(body: ReportBody, labels: PdfLabels): string {
  if (body.history) {
    const count = body.history.chains.reduce((sum, chain) => sum + chain.length, 0);
    return `${fill(labels.eventCount, { count })} · ${fill(labels.deviceCount, {
      count: body.history.chains.length,
    })}`;
  }
  const chain = body.eventChain;
  if (!chain) return labels.noValue;
  return `${fill(labels.eventCount, { count: chain.length })}${
    chain.head ? ` · ${shortHash(chain.head)}` : ''
  }`;
}

/** Every move of the run between template versions, so the PDF names each version it was on. */
function versionMovesText(context: Context): string | undefined {
  const { body, labels } = context;
  const moves = body.history?.moves ?? [];
  if (moves.length === 0) return undefined;
  return moves
    .map((move) =>
      fill(labels.versionMove, {
        from: line(move.fromVersion),
        to: line(move.toVersion),
        at: formatTimestamp(context.dates, move.at),
        by: line(move.by.name),
      }),
    )
    .join('; ');
}

/** "Server room on site: No": the template's label and a readable answer; the id when unknown. */
function parameterText(context: Context, id: string, value: string | number | boolean): string {
  const { labels, language } = context;
  const parameter = context.parameters.find((candidate) => candidate.id === id);
  const answer =
    typeof value === 'boolean'
      ? value
        ? labels.yes
        : labels.no
      : typeof value === 'number'
        ? formatNumber(value, language)
        : String(value);
  return `${line(parameter?.label ?? id)}: ${line(answer)}`;
}

function actorText(context: Context, actor: Actor | undefined, at: string | undefined): string {
  const { labels } = context;
  const who = actor ? `${line(actor.name)} (${labels.roles[actor.role] ?? line(actor.role)})` : '';
  const when = at ? formatTimestamp(context.dates, at) : '';
  return [who, when].filter(Boolean).join(' · ');
}

function emptyNote(text: string): Content {
  return { text, style: 'muted', italics: true, margin: [0, 0, 0, 4] };
}

// --- 1. cover ---------------------------------------------------------------------------------

function cover(context: Context, signatures: Signature[]): Content[] {
  const { body, labels } = context;
  const decision = body.gate.decision;
  const decisionColor = DECISION_COLOR[decision] ?? DECISION_COLOR['no-go'];
  const s = body.summary;
  const progress = [
    fill(labels.progressLine, { done: s.done, total: s.total }),
    `${labels.notApplicable} ${s.notApplicable}`,
    `${labels.blocked} ${s.blocked}`,
    `${labels.failing} ${s.failing}`,
    `${s.percentComplete}${labels.percentComplete}`,
  ].join(' · ');

  const parameters = Object.entries(body.run.parameters)
    .map(([key, value]) => parameterText(context, key, value))
    .join(' · ');

  const moves = versionMovesText(context);
  const facts: [string, string][] = [
    [labels.plannedGoLive, formatPdfDay(context.dates, body.run.plannedGoLive)],
    [labels.signedAt, formatTimestamp(context.dates, body.signedAt)],
    [labels.revision, String(body.revision)],
    [labels.supersedes, body.supersedes ? line(body.supersedes) : labels.supersedesNone],
    [labels.office, line(body.run.office)],
    [labels.parameters, parameters || labels.noValue],
    ...(moves === undefined ? [] : [[labels.versionMoves, moves] as [string, string]]),
    [labels.eventLog, eventLogText(body, labels)],
    [labels.hiddenItems, String(body.hiddenItems.length)],
  ];

  return [
    {
      text: `${labels.documentTitle} · ${labels.kind[body.run.kind] ?? line(body.run.kind)}`,
      style: 'label',
    },
    { text: line(body.run.name), fontSize: 22, bold: true, margin: [0, 2, 0, 4] },
    {
      text: [
        { text: `${labels.template}: `, color: COLOR.muted },
        { text: line(body.definition.title), bold: true },
        { text: `  ${labels.version} `, color: COLOR.muted },
        { text: line(body.definition.version), bold: true },
        { text: `  ${labels.definitionHash} `, color: COLOR.muted },
        { text: groupedHash(body.definition.hash) },
      ],
      margin: [0, 0, 0, 2],
    },
    { text: line(body.definition.id), style: 'label', margin: [0, 0, 0, 12] },
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: labels.decisionHeading.toUpperCase(), style: 'label', bold: true },
                {
                  text: labels.decision[decision] ?? line(decision),
                  fontSize: 26,
                  bold: true,
                  color: decisionColor.text,
                  margin: [0, 2, 0, 2],
                },
                { text: progress },
              ],
              fillColor: decisionColor.fill,
            },
          ],
        ],
      },
      layout: boxLayout(decisionColor.text),
      margin: [0, 0, 0, 14],
    },
    {
      table: {
        widths: [90, '*'],
        body: facts.map(([label, value]) => [{ text: label, style: 'label' }, { text: value }]),
      },
      layout: THIN_LINES,
      margin: [0, 0, 0, 6],
    },
    { text: labels.signatures, style: 'h2' },
    signatures.length === 0
      ? emptyNote(labels.noSignatures)
      : dataTable(
          [84, '*', 100, 92, 76],
          [labels.purposeColumn, labels.signer, labels.role, labels.time, labels.keyFingerprint],
          signatures.flatMap((signature) => signatureRows(context, signature)),
        ),
    { text: labels.reportFingerprint, style: 'h2' },
    {
      columns: [
        { qr: context.reportHash, fit: 96, eccLevel: 'M', width: 'auto' },
        {
          width: '*',
          stack: [
            { text: context.reportHash, fontSize: 10, bold: true, margin: [0, 4, 0, 4] },
            { text: labels.fingerprintHint, style: 'muted' },
          ],
        },
      ],
      columnGap: 14,
    },
  ];
}

function signatureRows(context: Context, signature: Signature): TableCell[][] {
  const { labels } = context;
  const statement = signature.statement;
  const signer = statement.signer;
  const fingerprint = keyFingerprint(signer.publicKey);
  const row: TableCell[] = [
    { text: labels.purpose[statement.purpose] ?? line(statement.purpose), bold: true },
    {
      stack: [
        { text: line(signer.name), bold: true },
        ...(signer.office ? [{ text: line(signer.office), style: 'label' }] : []),
      ],
    },
    { text: labels.roles[signer.role] ?? line(signer.role) },
    { text: formatTimestamp(context.dates, statement.signedAt) },
    { text: fingerprint ?? labels.noValue },
  ];
  const rows: TableCell[][] = [row];
  const notes: Content[] = [];
  if (statement.comment) {
    notes.push({ text: [{ text: `${labels.comment}: `, bold: true }, plain(statement.comment)] });
  }
  if (line(statement.reportHash) !== context.reportHash) {
    notes.push({
      text: `${labels.signatureMismatch} ${line(statement.reportHash)}`,
      bold: true,
      color: STATUS_COLOR.blocked.text,
    });
  }
  if (notes.length > 0) rows.push([{ stack: notes, colSpan: 5 }, {}, {}, {}, {}]);
  return rows;
}

// --- 2. summary -------------------------------------------------------------------------------

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done * 100) / total);
}

function summary(context: Context): Content[] {
  const { body, labels } = context;
  const numberCell = (value: number | string, bold = false): TableCell => ({
    text: String(value),
    alignment: 'right',
    bold,
  });
  const rows: TableCell[][] = body.sections.map((section) => {
    const count = (status: ItemStatus) => section.items.filter((i) => i.status === status).length;
    const done = count('done');
    const notApplicable = count('not-applicable');
    return [
      { text: line(section.title) },
      { text: line(departmentTitle(context, section.department)) },
      numberCell(section.items.length),
      numberCell(done),
      numberCell(notApplicable),
      numberCell(count('blocked')),
      numberCell(section.items.filter((i) => i.failing).length),
      numberCell(`${percent(done + notApplicable, section.items.length)}%`),
    ];
  });
  const s = body.summary;
  rows.push([
    { text: labels.allSections, bold: true },
    { text: '' },
    numberCell(s.total, true),
    numberCell(s.done, true),
    numberCell(s.notApplicable, true),
    numberCell(s.blocked, true),
    numberCell(s.failing, true),
    numberCell(`${s.percentComplete}%`, true),
  ]);

  const allItems = body.sections.flatMap((section) =>
    section.items.map((item) => ({ item, section: line(section.title) })),
  );
  const blocked = allItems.filter(({ item }) => item.status === 'blocked');
  const failing = allItems.filter(({ item }) => item.failing);
  const itemCell = (item: ReportItem, section: string): TableCell => ({
    stack: [
      { text: line(item.title), bold: true },
      { text: `${section} · ${line(item.id)}`, style: 'label' },
    ],
  });

  return [
    { text: labels.summary, style: 'h1', pageBreak: 'before' },
    dataTable(
      ['*', 72, 34, 36, 30, 50, 46, 60],
      [
        labels.section,
        labels.department,
        labels.total,
        labels.done,
        labels.notApplicable,
        labels.blocked,
        labels.failing,
        labels.percentComplete,
      ],
      rows,
      [2, 3, 4, 5, 6, 7],
    ),
    {
      text: `${labels.estimate} ${formatMinutes(s.estimateMinutes)} · ${labels.actual} ${formatMinutes(s.actualMinutes)}`,
      style: 'muted',
      margin: [0, 2, 0, 0],
    },
    ...whoDidWhatTable(context),

    { text: labels.blockers, style: 'h2' },
    blocked.length === 0
      ? emptyNote(labels.noBlockers)
      : dataTable(
          [140, '*', 84, 90],
          [labels.item, labels.reason, labels.by, labels.at],
          blocked.map(({ item, section }) => [
            itemCell(item, section),
            { text: item.reason ? plain(item.reason) : labels.noValue },
            { text: actorText(context, item.updatedBy, undefined) },
            {
              text: item.updatedAt
                ? formatTimestamp(context.dates, item.updatedAt)
                : labels.noValue,
            },
          ]),
        ),

    { text: labels.waivers, style: 'h2' },
    body.gate.waivers.length === 0
      ? emptyNote(labels.noWaivers)
      : dataTable(
          [120, '*', 100, 100],
          [labels.item, labels.justification, labels.by, labels.approvedBy],
          body.gate.waivers.map((waiver) => [
            {
              stack: [
                { text: line(waiver.title), bold: true },
                { text: line(waiver.itemId), style: 'label' },
              ],
            },
            { text: plain(waiver.justification) },
            { text: actorText(context, waiver.by, waiver.at) },
            { text: actorText(context, waiver.approvedBy, waiver.approvedAt) },
          ]),
        ),

    { text: labels.failingItems, style: 'h2' },
    failing.length === 0
      ? emptyNote(labels.noFailingItems)
      : dataTable(
          [120, 80, '*', 150],
          [labels.item, labels.value, labels.failure, labels.failingDecision],
          failing.map(({ item, section }) => [
            itemCell(item, section),
            item.value ? valueContent(context, item.value, item) : { text: labels.noValue },
            { text: item.failure ? plain(item.failure) : labels.noValue },
            failingDecision(context, item),
          ]),
        ),
    ...notIncludedTable(context),
  ];
}

/** Format 5: the files the report names but was signed without (listed only when there are any). */
function notIncludedTable(context: Context): Content[] {
  const { body, labels, language } = context;
  const files = notIncludedAttachments(body);
  if (files.length === 0) return [];
  return [
    { text: labels.evidenceNotIncluded, style: 'h2' },
    { text: labels.evidenceNotIncludedNote, style: 'muted', margin: [0, 0, 0, 4] },
    dataTable(
      [140, '*', 150],
      [labels.item, labels.file, 'SHA-256'],
      files.map(({ ref, itemTitle }) => [
        { text: line(itemTitle), bold: true },
        { text: `${line(ref.name)} · ${formatBytes(ref.size, language)}` },
        { text: shortHash(ref.sha256) },
      ]),
    ),
  ];
}

/**
 * A shared run's people (a report with a history): per person and department, the items finished
 * with their answer, the changes they recorded and the time timed on what they finished.
 */
function whoDidWhatTable(context: Context): Content[] {
  const { body, labels } = context;
  if (!body.history) return [];
  const rows = whoDidWhat(body);
  if (rows.length === 0) return [];
  const cell = (value: number | string): TableCell => ({ text: String(value), alignment: 'right' });
  return [
    { text: labels.whoDidWhat, style: 'h2' },
    dataTable(
      ['*', 110, 60, 50, 60],
      [labels.person, labels.department, labels.finishedItems, labels.events, labels.timeTimed],
      rows.map((row) => [
        { text: actorText(context, row.person, undefined) },
        { text: line(departmentTitle(context, row.department)) },
        cell(row.finished),
        cell(row.events),
        cell(row.actualMinutes > 0 ? formatMinutes(row.actualMinutes) : labels.noValue),
      ]),
      [2, 3, 4],
    ),
  ];
}

/** What was decided about a failing item: its state, and the reason when marked done anyway. */
function failingDecision(context: Context, item: ReportItem): TableCell {
  const { labels } = context;
  const severity = labels.severity[item.severity] ?? line(item.severity);
  const words = [labels.status[item.status] ?? line(item.status), severity];
  if (item.waiver) words.push(labels.waivedWord);
  const stack: Content[] = [{ text: words.join(' · '), bold: true }];
  if (item.acceptedFailure) {
    stack.push(
      { text: labels.doneAnyway, style: 'label' },
      { text: plain(item.acceptedFailure.reason) },
      {
        text: actorText(context, item.acceptedFailure.by, item.acceptedFailure.at),
        style: 'label',
      },
    );
  }
  return { stack };
}

// --- 3. items ---------------------------------------------------------------------------------

function departmentTitle(context: Context, id: string): string {
  return context.body.departments?.find((department) => department.id === id)?.title ?? id;
}

function valueContent(context: Context, value: AnswerValue, item: ReportItem): Content {
  const { labels, language } = context;
  switch (value.type) {
    case 'number':
      return {
        text: line([formatNumber(value.value, language), item.unit].filter(Boolean).join(' ')),
      };
    case 'count':
      return {
        stack: [
          { text: fill(labels.countNamed, { count: value.legs.length }), bold: true },
          ...(value.legs.length > 0 ? [{ ul: value.legs.map((leg) => line(leg)) }] : []),
        ],
      };
    case 'choice':
      return { text: line(item.valueLabel ?? value.choiceId) };
    case 'text':
      return { text: plain(value.text) };
    case 'date':
      return { text: line(value.date) };
    default:
      return { text: labels.noValue };
  }
}

function textLength(item: ReportItem): number {
  const value = item.value;
  const valueLength =
    value?.type === 'text'
      ? value.text.length
      : value?.type === 'count'
        ? value.legs.length * 40
        : 0;
  return (
    valueLength +
    (item.reason?.length ?? 0) +
    (item.rollbackPlan?.length ?? 0) +
    (item.notes?.length ?? 0) +
    (item.waiver?.justification.length ?? 0) +
    item.attachments.length * 80
  );
}

function imageKey(context: Context, sha256: string, thumbnail: ReportThumbnail): string {
  const existing = context.imageKeys.get(sha256);
  if (existing) return existing;
  const key = `thumbnail-${context.imageKeys.size + 1}`;
  context.imageKeys.set(sha256, key);
  context.images[key] = `data:${thumbnail.mimeType};base64,${bytesToBase64(thumbnail.bytes)}`;
  return key;
}

function thumbnailGrid(context: Context, item: ReportItem): Content[] {
  const cells: Column[] = [];
  for (const attachment of item.attachments) {
    if (!attachment.mimeType.startsWith('image/')) continue;
    const thumbnail = context.thumbnails.get(attachment.sha256);
    if (!thumbnail || !isEmbeddableImage(thumbnail)) continue;
    cells.push({
      width: THUMBNAIL_BOX[0],
      stack: [
        { image: imageKey(context, attachment.sha256, thumbnail), fit: THUMBNAIL_BOX },
        { text: line(attachment.name), style: 'label', margin: [0, 1, 0, 0] },
      ],
    });
  }
  const rows: Content[] = [];
  for (let start = 0; start < cells.length; start += THUMBNAILS_PER_ROW) {
    rows.push({
      columns: cells.slice(start, start + THUMBNAILS_PER_ROW),
      columnGap: 6,
      margin: [0, 4, 0, 0],
    });
  }
  return rows;
}

/** "Estimate 30 min · actual 40 min · 2025-06-07 08:00 UTC – 2025-06-07 08:40 UTC". */
function timeText(context: Context, item: ReportItem): string {
  const { labels } = context;
  const actual = actualMinutesOf(item);
  const parts: string[] = [];
  if (item.estimateMinutes !== undefined || actual !== undefined) {
    const minutes = (value: number | undefined) =>
      value === undefined ? labels.noValue : formatMinutes(value);
    parts.push(`${labels.estimate} ${minutes(item.estimateMinutes)}`);
    parts.push(`${labels.actual} ${minutes(actual)}`);
  }
  if (item.startedAt && item.finishedAt) {
    parts.push(
      `${formatTimestamp(context.dates, item.startedAt)} – ${formatTimestamp(context.dates, item.finishedAt)}`,
    );
  } else if (item.startedAt) {
    parts.push(fill(labels.startedAt, { time: formatTimestamp(context.dates, item.startedAt) }));
  } else if (item.finishedAt) {
    parts.push(fill(labels.finishedAt, { time: formatTimestamp(context.dates, item.finishedAt) }));
  }
  return parts.join(' · ');
}

function itemFields(context: Context, item: ReportItem): TableCell[][] {
  const { labels, language } = context;
  const notIncluded = new Set(context.body.evidenceNotIncluded);
  const rows: TableCell[][] = [];
  const add = (label: string, value: Content) =>
    rows.push([{ text: label, style: 'label' }, value]);

  if (item.value) add(labels.value, valueContent(context, item.value, item));
  if (item.failure) add(labels.failure, { text: plain(item.failure), bold: true });
  if (item.reason) add(labels.reason, { text: plain(item.reason) });
  if (item.rollbackPlan) add(labels.rollbackPlan, { text: plain(item.rollbackPlan) });
  if (item.notes) add(labels.notes, { text: plain(item.notes) });
  if (item.waiver) {
    add(labels.waiver, {
      stack: [
        { text: plain(item.waiver.justification) },
        { text: actorText(context, item.waiver.by, item.waiver.at), style: 'label' },
        ...(item.waiver.decision?.statement.decision === 'approve'
          ? [
              {
                text: `${labels.approvedBy}: ${actorText(context, item.waiver.decision.by, item.waiver.decision.at)}`,
                style: 'label',
              },
            ]
          : []),
      ],
    });
  }
  const time = timeText(context, item);
  if (time) add(labels.time, { text: time });
  if (item.attachments.length > 0) {
    add(labels.attachments, {
      stack: item.attachments.map((attachment) => ({
        text: [
          { text: line(attachment.name) },
          {
            text: `  ${formatBytes(attachment.size, language)} · sha256 ${shortHash(attachment.sha256)}`,
            color: COLOR.muted,
          },
          ...(notIncluded.has(attachment.sha256)
            ? [{ text: `  · ${labels.notIncluded}`, bold: true }]
            : []),
        ],
      })),
    });
  }
  return rows;
}

function itemBlock(context: Context, item: ReportItem): Content {
  const { labels } = context;
  const color = STATUS_COLOR[item.status] ?? STATUS_COLOR.open;
  const stateWords: Content[] = [
    { text: labels.status[item.status] ?? line(item.status), bold: true, color: color.text },
  ];
  if (item.failing) {
    stateWords.push({ text: labels.failingWord, bold: true, color: STATUS_COLOR.blocked.text });
  }
  if (item.waiver) {
    stateWords.push({ text: labels.waivedWord, bold: true, color: STATUS_COLOR.open.text });
  }
  const fields = itemFields(context, item);
  const details: Content[] = [
    {
      columns: [
        { text: line(item.title), bold: true, fontSize: 9.5, width: '*' },
        {
          text: labels.severity[item.severity] ?? line(item.severity),
          style: 'label',
          bold: item.severity === 'blocking',
          width: 'auto',
        },
      ],
      columnGap: 8,
    },
    {
      text: [
        `${labels.id} ${line(item.id)} · ${line(departmentTitle(context, item.department))}`,
        ...(item.updatedBy || item.updatedAt
          ? [` · ${labels.lastChange}: ${actorText(context, item.updatedBy, item.updatedAt)}`]
          : []),
      ].join(''),
      style: 'label',
      margin: [0, 0, 0, fields.length > 0 ? 3 : 0],
    },
  ];
  if (fields.length > 0) {
    details.push({ table: { widths: [82, '*'], body: fields }, layout: FIELD_LINES });
  }
  details.push(...thumbnailGrid(context, item));

  const isSmall = textLength(item) < UNBREAKABLE_TEXT;
  return {
    table: {
      widths: [54, '*'],
      dontBreakRows: isSmall,
      body: [[{ stack: stateWords, fillColor: color.fill, fontSize: 7.5 }, { stack: details }]],
    },
    layout: {
      hLineWidth: (index: number) => (index === 0 ? 0.5 : 0),
      vLineWidth: () => 0,
      hLineColor: () => COLOR.rule,
      paddingLeft: () => 5,
      paddingRight: () => 5,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 0, 0, 2],
  };
}

function items(context: Context): Content[] {
  const { body, labels } = context;
  const content: Content[] = [{ text: labels.items, style: 'h1', pageBreak: 'before' }];
  body.sections.forEach((section, index) => {
    const heading: Content = {
      text: [
        { text: `${index + 1}. ${line(section.title)}` },
        {
          text: `   ${line(departmentTitle(context, section.department))} · ${fill(labels.itemCount, { count: section.items.length })}`,
          fontSize: 8,
          bold: false,
          color: COLOR.muted,
        },
      ],
      style: 'h2',
    };
    const [first, ...rest] = section.items;
    if (!first) {
      content.push(heading);
      return;
    }
    // Keep the heading with the first item so it never ends a page alone.
    const firstBlock = itemBlock(context, first);
    content.push(
      textLength(first) < UNBREAKABLE_TEXT
        ? { stack: [heading, firstBlock], unbreakable: true }
        : { stack: [heading, firstBlock] },
    );
    for (const item of rest) content.push(itemBlock(context, item));
  });
  return content;
}

// --- 4. lessons learned, 5. how to verify -----------------------------------------------------

function lessonsLearned(context: Context): Content[] {
  const { body, labels } = context;
  const text = plain(body.lessonsLearned).trim();
  return [
    { text: labels.lessonsLearned, style: 'h1', margin: [0, 18, 0, 6] },
    text ? { text } : emptyNote(labels.noLessonsLearned),
  ];
}

function verifyBox(context: Context, embeddedFileName: string): Content {
  const { labels } = context;
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: labels.howToVerify, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
              { text: fill(labels.verifyText, { file: embeddedFileName }), margin: [0, 0, 0, 6] },
              { text: labels.reportFingerprint, style: 'label' },
              { text: context.reportHash, bold: true, fontSize: 10 },
            ],
            fillColor: COLOR.boxFill,
          },
        ],
      ],
    },
    layout: boxLayout(COLOR.rule),
    unbreakable: true,
    margin: [0, 18, 0, 0],
  };
}
