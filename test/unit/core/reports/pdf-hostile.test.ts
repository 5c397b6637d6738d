// Hostile PDFs (issue 11, point 7): junk behind a PDF header, a PDF without a catalog, broken
// objects named /EmbeddedFile, a compressed bomb as the embedded file, an encrypted marker. Each
// gets one problem saying what is wrong, never a throw. The report is found without loading the
// document: it is still found when the document around it is beyond repair. (Times for 1, 20 and
// 200 MB of junk are in test/bench/hostile-files.bench.ts.)
import { PDFDocument } from 'pdf-lib';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  attachReportToPdf,
  canonicalReportJson,
  extractReportFromPdf,
  MAX_REPORT_JSON_BYTES,
} from '../../../../core/reports';
import { countersigned } from './fixtures';
import { concat, deflateBomb, junk, junkPdf } from './hostile-files';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

async function exported(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return attachReportToPdf(await doc.save(), await countersigned());
}

/** A PDF made of `objects` only: no xref, no trailer, no catalog. */
function looseObjects(...objects: Uint8Array[]): Uint8Array {
  return concat([text('%PDF-1.7\n'), ...objects, text('%%EOF\n')]);
}

function embeddedFile(number: number, contents: Uint8Array, dict = ''): Uint8Array {
  return concat([
    text(`${number} 0 obj\n<< /Type /EmbeddedFile ${dict}/Length ${contents.length} >>\nstream\n`),
    contents,
    text('\nendstream\nendobj\n'),
  ]);
}

describe('extractReportFromPdf on hostile files', () => {
  it('junk behind a PDF header, without a catalog: one problem, no throw', async () => {
    const result = await extractReportFromPdf(junkPdf(1024 * 1024));
    expect(result).toEqual({
      ok: false,
      problem: {
        code: 'no-embedded-report',
        message:
          'The PDF holds no go-live-report.json: it is not a signed report export, or the report was removed.',
      },
    });
  });

  it('finds the report in a PDF whose document structure is destroyed', async () => {
    const pdf = await exported();
    const signed = canonicalReportJson(await countersigned());
    // Overwrite the cross-reference stream and trailer at the end with junk: pdf-lib can no
    // longer find the catalog, but the embedded file is still there.
    const wrecked = Uint8Array.from(pdf);
    wrecked.set(junk(600), wrecked.length - 600);
    const padded = concat([wrecked, junk(5 * 1024 * 1024)]);
    expect(await extractReportFromPdf(padded)).toEqual({ ok: true, json: signed });
  });

  it('objects that only pretend to be embedded files', async () => {
    const pdf = looseObjects(
      text('1 0 obj\n<< /Type /EmbeddedFile /Length 12 >>\nnot a stream\nendobj\n'),
      text('2 0 obj\n<< /Type /EmbeddedFiles >>\nendobj\n'),
      text('3 0 obj\n(/EmbeddedFile) endobj\n'),
      text('4 0 obj\n<< /Type /EmbeddedFile /Length 5 >>\nstream\nabc'),
      embeddedFile(5, text('{"notes":"a JSON file that is not a report"}')),
    );
    const result = await extractReportFromPdf(pdf);
    expect(result.ok ? 'ok' : result.problem.code).toBe('no-embedded-report');
  });

  it('an embedded file that inflates past the report size limit is refused unread', async () => {
    // A zlib stream: header, the raw bomb, no checksum (it is never reached).
    const bomb = concat([Uint8Array.of(0x78, 0x9c), deflateBomb(2 * MAX_REPORT_JSON_BYTES)]);
    const result = await extractReportFromPdf(
      looseObjects(embeddedFile(1, bomb, '/Filter /FlateDecode ')),
    );
    expect(result).toEqual({
      ok: false,
      problem: {
        code: 'unreadable-embedded-report',
        message:
          "The PDF's embedded files cannot be read, so no go-live-report.json was found in it: it is too large.",
      },
    });
  });

  it('reads a plain or FlateDecode report embedded by another writer, and refuses two', async () => {
    const json = canonicalReportJson(await countersigned());
    const plain = looseObjects(embeddedFile(7, text(json)));
    expect(await extractReportFromPdf(plain)).toEqual({ ok: true, json });
    const flate = looseObjects(
      embeddedFile(7, zlibSync(text(json)), '/Filter /FlateDecode /Subtype /application#2Fjson '),
    );
    expect(await extractReportFromPdf(flate)).toEqual({ ok: true, json });
    const two = looseObjects(embeddedFile(7, text(json)), embeddedFile(8, text(json)));
    const result = await extractReportFromPdf(two);
    expect(result.ok ? 'ok' : result.problem.code).toBe('several-embedded-reports');
  });

  it('an encrypted PDF, and bytes that are not a PDF', async () => {
    const encrypted = looseObjects(
      embeddedFile(1, junk(300), '/Filter /FlateDecode '),
      text('trailer\n<< /Encrypt 9 0 R /Root 2 0 R >>\n'),
    );
    const result = await extractReportFromPdf(encrypted);
    expect(result.ok ? 'ok' : result.problem.code).toBe('encrypted-pdf');
    for (const bytes of [new Uint8Array(0), text('PK\u0003\u0004 a zip'), junk(4096)]) {
      expect(await extractReportFromPdf(bytes)).toEqual({
        ok: false,
        problem: {
          code: 'not-a-pdf',
          message: 'The file is not a PDF: it does not start with %PDF-.',
        },
      });
    }
  });
});
