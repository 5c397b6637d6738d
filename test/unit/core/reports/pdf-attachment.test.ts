// The report inside the PDF: attach and extract round trip on a minimal pdf-lib document, name
// trees flat and with /Kids, unfiltered streams, PDFs without a report or with two, and a
// cross-check with poppler's pdfdetach, which the test set-up installs (cli/setup.mjs): without it
// that test fails and says so, rather than passing unseen.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  attachReportToPdf,
  canonicalReportBytes,
  canonicalReportJson,
  extractReportFromPdf,
  parseReportJson,
  REPORT_ATTACHMENT_NAME,
  verifyReport,
} from '../../../../core/reports';
import { countersigned, defaultTrust } from './fixtures';

const PDFDETACH = '/usr/bin/pdfdetach';

async function minimalPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Go-live sign-off: Berlin office', { x: 50, y: 780, size: 18, font });
  doc.setTitle('Go-live sign-off');
  return doc.save();
}

async function problemCode(pdf: Uint8Array): Promise<string> {
  const result = await extractReportFromPdf(pdf);
  return result.ok ? 'ok' : result.problem.code;
}

/** Moves the EmbeddedFiles entries under a /Kids node, as larger name trees are written. */
async function withKidsNameTree(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
  const embedded = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict);
  const pairs = embedded.lookup(PDFName.of('Names'), PDFArray);
  const leaf = doc.context.obj({ Names: pairs, Limits: [pairs.get(0), pairs.get(0)] });
  const middle = doc.context.obj({ Kids: [doc.context.register(leaf)] });
  names.set(PDFName.of('EmbeddedFiles'), doc.context.obj({ Kids: [doc.context.register(middle)] }));
  return doc.save();
}

describe('attachReportToPdf and extractReportFromPdf', () => {
  it('round-trip the canonical report JSON, keeping the pages', async () => {
    const signed = await countersigned();
    const pdf = await attachReportToPdf(await minimalPdf(), signed);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Go-live sign-off');
    const extracted = await extractReportFromPdf(pdf);
    if (!extracted.ok) throw new Error(extracted.problem.message);
    expect(extracted.json).toBe(canonicalReportJson(signed));
    const parsed = parseReportJson(extracted.json, 'the PDF report');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(verifyReport(parsed.value, await defaultTrust()).valid).toBe(true);
  });

  it('writes a file attachment poppler lists and extracts byte for byte', async () => {
    expect(
      existsSync(PDFDETACH),
      `${PDFDETACH} is missing: install poppler-utils (node cli/setup.mjs --for-tests does, as root)`,
    ).toBe(true);
    const signed = await countersigned();
    const pdf = await attachReportToPdf(await minimalPdf(), signed);
    const folder = await mkdtemp(path.join(tmpdir(), 'report-pdf-'));
    try {
      const file = path.join(folder, 'report.pdf');
      await writeFile(file, pdf);
      const listing = execFileSync(PDFDETACH, ['-list', file], { encoding: 'utf8' });
      expect(listing).toMatch(/^1 embedded files\n1: go-live-report\.json\n?$/);
      const out = path.join(folder, 'extracted.json');
      execFileSync(PDFDETACH, ['-save', '1', '-o', out, file]);
      expect(new Uint8Array(await readFile(out))).toEqual(canonicalReportBytes(signed));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('reads a name tree with /Kids and an unfiltered stream', async () => {
    const signed = await countersigned();
    const pdf = await withKidsNameTree(await attachReportToPdf(await minimalPdf(), signed));
    const extracted = await extractReportFromPdf(pdf);
    expect(extracted.ok && extracted.json).toBe(canonicalReportJson(signed));

    const doc = await PDFDocument.load(await minimalPdf());
    const json = canonicalReportBytes(signed);
    const stream = doc.context.stream(json, { Type: 'EmbeddedFile' });
    const spec = doc.context.obj({
      Type: 'Filespec',
      F: PDFHexString.fromText(REPORT_ATTACHMENT_NAME),
      EF: { F: doc.context.register(stream) },
    });
    doc.catalog.set(
      PDFName.of('Names'),
      doc.context.obj({
        EmbeddedFiles: {
          Names: [PDFHexString.fromText(REPORT_ATTACHMENT_NAME), doc.context.register(spec)],
        },
      }),
    );
    const plain = await extractReportFromPdf(await doc.save());
    expect(plain.ok && plain.json).toBe(canonicalReportJson(signed));
  });

  it('reports a PDF without a report, with two, and bytes that are not a PDF', async () => {
    expect(await problemCode(await minimalPdf())).toBe('no-embedded-report');
    const signed = await countersigned();
    const once = await attachReportToPdf(await minimalPdf(), signed);
    const doc = await PDFDocument.load(once);
    await doc.attach(canonicalReportBytes(signed), REPORT_ATTACHMENT_NAME, {
      mimeType: 'application/json',
    });
    expect(await problemCode(await doc.save())).toBe('several-embedded-reports');
    expect(await problemCode(new TextEncoder().encode('PK\u0003\u0004 a zip, not a PDF'))).toBe(
      'not-a-pdf',
    );
    expect(await problemCode(new Uint8Array(0))).toBe('not-a-pdf');
  });

  it('refuses to attach a second report to a PDF that has one', async () => {
    const signed = await countersigned();
    const once = await attachReportToPdf(await minimalPdf(), signed);
    await expect(attachReportToPdf(once, signed)).rejects.toThrow(/already holds/);
  });
});
