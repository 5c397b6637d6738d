// A shared run's sign-off PDF lists who did what (issue 13): per person and department, the items
// finished, the changes recorded and the time timed (core/reports/who-did-what.ts), read back with
// pdftotext as a supervisor's reader would, in English and Spanish; a one-device report has no such
// table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportBody } from '../../../core/reports/report-format';
import { reportHash } from '../../../core/reports/report-hash';
import { whoDidWhat } from '../../../core/reports/who-did-what';
import { SPANISH_PDF_LABELS } from '../../../renderer/pdf/pdf-labels-es';
import { renderReportPdf } from '../../../renderer/pdf/report-pdf';
import { fixtureBody, fixtureSignedReport } from './report-fixture';

const directory = mkdtempSync(join(tmpdir(), 'report-who-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The fixture's body as a shared run's (format 3): a history (here without events). */
function sharedBody(): ReportBody {
  const { eventChain: _chain, ...body } = fixtureBody();
  return { ...body, formatVersion: 3, history: { chains: [], events: [], moves: [] } };
}

async function pdfText(body: ReportBody, language: 'en' | 'es'): Promise<string> {
  const signed = await fixtureSignedReport(body);
  const pdf = await renderReportPdf(signed, {
    thumbnails: new Map(),
    language,
    generatedAt: '2025-06-09T08:00:00Z',
    reportHash: reportHash(signed.body),
    ...(language === 'es' ? { labels: SPANISH_PDF_LABELS } : {}),
  });
  const path = join(directory, `${language}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
}

describe('the PDF of a shared run', () => {
  it('lists who did what, per person and department', async () => {
    const body = sharedBody();
    // The fixture's history has no events: each finished item goes to its answer's last author.
    expect(whoDidWhat(body).map((row) => [row.department, row.finished])).toEqual([
      ['network', 5],
      ['security', 1],
      ['infrastructure', 3],
      ['workplace', 3],
    ]);
    const text = await pdfText(body, 'en');
    for (const label of ['Who did what', 'Person', 'Items finished', 'Changes', 'Time timed'])
      expect(text).toContain(label);
    expect(text).toContain('Lena Fischer (Local ICT administrator) network 5 0 3 h 42 min');
    expect(text).toContain('Lena Fischer (Local ICT administrator) workplace 3 0 5 h 30 min');
  });

  it('says it in Spanish with the Spanish labels', async () => {
    const text = await pdfText(sharedBody(), 'es');
    expect(text).toContain('Quién hizo qué');
    expect(text).toContain('Elementos terminados');
    expect(text).toContain('Lena Fischer (Administrador/a TIC local) network 5 0 3 h 42 min');
  });

  it('has no such table for a report of one device', async () => {
    const text = await pdfText(fixtureBody(), 'en');
    expect(text).not.toContain('Who did what');
  });
});
