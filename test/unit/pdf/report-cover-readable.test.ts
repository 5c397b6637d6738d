// The PDF's cover reads as words (issue 16, points 10 and 11): parameters by the template's label
// with readable answers ("Seats on site: 120 · VoIP phones: Yes"), not their ids ("hasVoip: true"),
// and dates by the report's language when the user chose that ("7 Jun 2025"), ISO 8601 otherwise.
// Read back with pdftotext as a supervisor's reader would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Parameter } from '../../../core/definitions/schema';
import { reportHash } from '../../../core/reports/report-hash';
import { SPANISH_PDF_LABELS } from '../../../renderer/pdf/pdf-labels-es';
import type { PdfDates } from '../../../renderer/pdf/pdf-text';
import { renderReportPdf } from '../../../renderer/pdf/report-pdf';
import { fixtureSignedReport } from './report-fixture';

const directory = mkdtempSync(join(tmpdir(), 'report-cover-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PARAMETERS: Parameter[] = [
  { id: 'seats', label: 'Seats on site', type: 'number', required: true },
  { id: 'country', label: 'Country', type: 'text', required: true },
  { id: 'hasVoip', label: 'VoIP phones', type: 'boolean', required: true },
];

async function coverText(language: 'en' | 'es', dates?: PdfDates): Promise<string> {
  const signed = await fixtureSignedReport();
  const pdf = await renderReportPdf(signed, {
    thumbnails: new Map(),
    language,
    generatedAt: '2025-06-09T08:00:00Z',
    reportHash: reportHash(signed.body),
    parameters: PARAMETERS,
    ...(dates ? { dates } : {}),
    ...(language === 'es' ? { labels: SPANISH_PDF_LABELS } : {}),
  });
  const path = join(directory, `${language}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
  });
  return text.replace(/\s+/g, ' ');
}

describe('the sign-off PDF cover', () => {
  it('names parameters by their label with readable answers', async () => {
    const text = await coverText('en');
    expect(text).toContain('Seats on site: 120');
    expect(text).toContain('VoIP phones: Yes');
    expect(text).not.toContain('hasVoip');
  });

  it('answers yes/no parameters in the report language', async () => {
    expect(await coverText('es')).toContain('VoIP phones: Sí');
  });

  it('writes dates by language when asked, ISO 8601 by default, times in UTC', async () => {
    const iso = await coverText('en');
    expect(iso).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const english = await coverText('en', { style: 'language', locale: 'en-GB' });
    expect(english).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/);
    expect(english).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const spanish = await coverText('es', { style: 'language', locale: 'es-ES' });
    expect(spanish).toMatch(/\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}/);
  });
});
