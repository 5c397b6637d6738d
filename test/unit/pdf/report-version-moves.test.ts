// A run moved to a newer template version mid-run: its sign-off PDF names both versions (the
// report's history.moves, format 3), read back with pdftotext as a supervisor's reader would, in
// English and in Spanish; a run that never moved shows no such row.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportBody } from '../../../core/reports/report-format';
import { reportHash } from '../../../core/reports/report-hash';
import { SPANISH_PDF_LABELS } from '../../../renderer/pdf/pdf-labels-es';
import { renderReportPdf } from '../../../renderer/pdf/report-pdf';
import { ADMIN, TEMPLATE_VERSION, fixtureBody, fixtureSignedReport } from './report-fixture';

const directory = mkdtempSync(join(tmpdir(), 'report-moves-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The fixture's body with one move recorded in its history (2.2.0 -> the fixture's 2.3.0). */
function movedBody(): ReportBody {
  const body = fixtureBody();
  return {
    ...body,
    history: {
      chains: [],
      events: [],
      moves: [
        {
          fromVersion: '2.2.0',
          toVersion: TEMPLATE_VERSION,
          toHash: body.definition.hash,
          at: '2025-06-06T09:15:00Z',
          by: ADMIN,
        },
      ],
    },
  };
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
  // Without -layout: one fact per line, label and value together.
  return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
  });
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the PDF of a run moved between template versions', () => {
  it('names the version it came from and the one it was signed on', async () => {
    const text = flat(await pdfText(movedBody(), 'en'));
    expect(text).toContain('Template versions');
    expect(text).toContain('moved from 2.2.0 to 2.3.0 on 2025-06-06 09:15 UTC by Lena Fischer');
    expect(text).toContain(`Version ${TEMPLATE_VERSION}`);
  });

  it('says it in Spanish with the Spanish labels', async () => {
    const text = flat(await pdfText(movedBody(), 'es'));
    expect(text).toContain('Versiones de la plantilla');
    expect(text).toMatch(/pasó de la 2\.2\.0 a la 2\.3\.0 el .*por Lena Fischer/);
  });

  it('shows no versions row for a run that never moved', async () => {
    const text = flat(await pdfText(fixtureBody(), 'en'));
    expect(text).not.toContain('Template versions');
    expect(text).not.toContain('moved from');
  });
});
