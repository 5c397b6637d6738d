// The sign-off PDF's document definition, without rendering: every item is there, thumbnails only
// for image attachments that have one, report text stays plain text, labels can be translated.
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../core/reports/ed25519';
import { reportHash } from '../../../core/reports/report-hash';
import { DEFAULT_PDF_LABELS, type PdfLabels } from '../../../renderer/pdf/pdf-labels';
import { breakable, line, plain } from '../../../renderer/pdf/pdf-text';
import {
  isEmbeddableImage,
  reportDocumentDefinition,
  type DocumentDefinitionOptions,
} from '../../../renderer/pdf/report-document';
import {
  ADMIN_KEY,
  CONFIG_FILE,
  JPEG_16X12,
  LONG_UNBROKEN,
  MUSTACHE_NOTE,
  PNG_2X2,
  RACK_PHOTO,
  SCRIPT_NOTE,
  SPANISH_TITLE,
  SPEED_PHOTO,
  SUPERVISOR_KEY,
  UNTHUMBED_PHOTO,
  fixtureSignedReport,
  fixtureThumbnails,
} from './report-fixture';
import type { SignedReport } from '../../../core/reports/report-format';

function options(signed: SignedReport, extra: Partial<DocumentDefinitionOptions> = {}) {
  return {
    thumbnails: fixtureThumbnails(),
    language: 'en',
    generatedAt: '2025-06-09T08:00:00Z',
    reportHash: reportHash(signed.body),
    embeddedFileName: 'go-live-report.json',
    ...extra,
  };
}

/** Every node of the content tree (objects only), depth first. */
function nodes(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) {
    for (const entry of value) nodes(entry, out);
  } else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const entry of Object.values(value)) nodes(entry, out);
  }
  return out;
}

/** The text the document draws: text nodes joined, inline pieces glued back together. */
function drawnTexts(content: unknown): string[] {
  const texts: string[] = [];
  const textOf = (text: unknown): string =>
    typeof text === 'string'
      ? text
      : Array.isArray(text)
        ? text
            .map((inline) =>
              typeof inline === 'string' ? inline : textOf((inline as { text: unknown }).text),
            )
            .join('')
        : '';
  for (const node of nodes(content)) {
    if ('text' in node) texts.push(textOf(node.text));
    if (Array.isArray(node.ul)) texts.push(...node.ul.filter((entry) => typeof entry === 'string'));
  }
  return texts;
}

const signed = await fixtureSignedReport();

describe('reportDocumentDefinition', () => {
  const definition = reportDocumentDefinition(signed, options(signed));
  const texts = drawnTexts(definition.content);
  const all = texts.join('\n');

  it('is A4 with the report language and the fonts the renderer loads', () => {
    expect(definition.pageSize).toBe('A4');
    expect(definition.language).toBe('en');
    expect(definition.defaultStyle?.font).toBe('Roboto');
  });

  it('shows every item, by title and id, section by section', () => {
    const items = signed.body.sections.flatMap((section) => section.items);
    expect(items.length).toBeGreaterThanOrEqual(15);
    for (const item of items) {
      expect(texts).toContain(item.title);
      expect(all).toContain(`Id ${item.id}`);
    }
    const order = signed.body.sections.map((section, index) =>
      texts.findIndex((text) => text.startsWith(`${index + 1}. ${section.title}`)),
    );
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('states the decision, the signers with their key fingerprints and the full fingerprint', () => {
    expect(texts).toContain('GO WITH WAIVERS');
    expect(texts).toContain('Lena Fischer');
    expect(texts).toContain('Marta Núñez');
    expect(texts).toContain(keyFingerprint(ADMIN_KEY.publicKey));
    expect(texts).toContain(keyFingerprint(SUPERVISOR_KEY.publicKey));
    const hash = reportHash(signed.body);
    expect(texts.filter((text) => text === hash)).toHaveLength(2); // cover and "How to verify"
    const qr = nodes(definition.content).filter((node) => 'qr' in node);
    expect(qr.map((node) => node.qr)).toEqual([hash]);
  });

  it('embeds thumbnails only for image attachments that have a valid one, once each', () => {
    const images = nodes(definition.content).filter((node) => 'image' in node);
    expect(images).toHaveLength(2);
    const dictionary = definition.images ?? {};
    expect(Object.keys(dictionary)).toHaveLength(2);
    for (const node of images) expect(Object.keys(dictionary)).toContain(node.image);
    expect(Object.values(dictionary).map((url) => String(url).slice(0, 22))).toEqual([
      'data:image/png;base64,',
      'data:image/jpeg;base64',
    ]);
    // The text file's "thumbnail" and the image without one are listed, never drawn.
    expect(all).toContain(CONFIG_FILE.name);
    expect(all).toContain(UNTHUMBED_PHOTO.name);
    expect(texts.filter((text) => text === RACK_PHOTO.name)).toHaveLength(2); // list + caption
    expect(texts.filter((text) => text === CONFIG_FILE.name)).toHaveLength(1); // list only
  });

  it('skips thumbnails whose bytes are not the image type they claim', () => {
    const broken = new Map([
      [RACK_PHOTO.sha256, { bytes: JPEG_16X12, mimeType: 'image/png' as const }],
      [SPEED_PHOTO.sha256, { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/jpeg' as const }],
    ]);
    const withBroken = reportDocumentDefinition(signed, options(signed, { thumbnails: broken }));
    expect(nodes(withBroken.content).filter((node) => 'image' in node)).toHaveLength(0);
    expect(isEmbeddableImage({ bytes: PNG_2X2, mimeType: 'image/png' })).toBe(true);
    expect(isEmbeddableImage({ bytes: JPEG_16X12, mimeType: 'image/jpeg' })).toBe(true);
  });

  it('keeps report text literal: markup-looking notes, accents, no links', () => {
    expect(all).toContain(SCRIPT_NOTE);
    expect(all).toContain(MUSTACHE_NOTE);
    expect(texts).toContain(SPANISH_TITLE);
    expect(all).toContain(LONG_UNBROKEN);
    expect(nodes(definition.content).some((node) => 'link' in node)).toBe(false);
  });

  it('strips control and bidi-override characters from report text', async () => {
    const tampered = await fixtureSignedReport();
    const first = tampered.body.sections[0]?.items[0];
    if (!first) throw new Error('fixture has no items');
    first.title = 'Router\u202E evil\u0007 name';
    first.notes = 'line one\r\nline\ttwo\u0000';
    const texts = drawnTexts(reportDocumentDefinition(tampered, options(tampered)).content);
    expect(texts).toContain('Router evil name');
    expect(texts.join('\n')).toContain('line one\nline    two');
    const unsafe = [...texts.join('')].filter(
      (c) => (c < ' ' && c !== '\n') || c === '\u202E' || c === '\u0085',
    );
    expect(unsafe).toEqual([]);
    expect(line('a\nb')).toBe('a b');
    expect(plain('a\u0085b')).toBe('ab');
  });

  it('cuts long unbroken runs into pieces that join back to the same text', () => {
    expect(breakable('short words only')).toBe('short words only');
    const pieces = breakable(`see ${LONG_UNBROKEN} now`);
    expect(Array.isArray(pieces)).toBe(true);
    expect((pieces as string[]).join('')).toBe(`see ${LONG_UNBROKEN} now`);
    expect(Math.max(...(pieces as string[]).map((piece) => piece.length))).toBeLessThanOrEqual(24);
  });

  it('uses the labels it is given (a Spanish UI passes Spanish ones)', () => {
    const spanish: PdfLabels = {
      ...DEFAULT_PDF_LABELS,
      decision: { go: 'APTO', 'go-with-waivers': 'APTO CON EXCEPCIONES', 'no-go': 'NO APTO' },
      status: { open: 'ABIERTO', done: 'HECHO', 'not-applicable': 'N/A', blocked: 'BLOQUEADO' },
      summary: 'Resumen',
    };
    const translated = reportDocumentDefinition(
      signed,
      options(signed, { labels: spanish, language: 'es' }),
    );
    const texts = drawnTexts(translated.content);
    expect(texts).toContain('APTO CON EXCEPCIONES');
    expect(texts).toContain('BLOQUEADO');
    expect(texts).toContain('Resumen');
    expect(texts).not.toContain('GO WITH WAIVERS');
    expect(texts).toContain('87,5'); // the number in the report's language
    expect(translated.language).toBe('es');
  });

  it('flags a signature that covers another report fingerprint', async () => {
    const other = await fixtureSignedReport();
    const second = other.signatures[1];
    if (!second) throw new Error('fixture has two signatures');
    second.statement = { ...second.statement, reportHash: 'f'.repeat(64) };
    const texts = drawnTexts(reportDocumentDefinition(other, options(other)).content);
    expect(texts).toContain(`${DEFAULT_PDF_LABELS.signatureMismatch} ${'f'.repeat(64)}`);
  });
});
