// The sign-off PDF of a report signed without some evidence files (format 5): the summary lists
// them under "Evidence not included" (item, file, size, SHA-256) with what that means, and the
// item's attachment line says NOT INCLUDED; a report with every file in hand has neither. Spanish
// labels say it in Spanish.
import { describe, expect, it } from 'vitest';
import { reportHash } from '../../../core/reports/report-hash';
import type { SignedReport } from '../../../core/reports/report-format';
import { SPANISH_PDF_LABELS } from '../../../renderer/pdf/pdf-labels-es';
import { reportDocumentDefinition } from '../../../renderer/pdf/report-document';
import {
  CONFIG_FILE,
  UNTHUMBED_PHOTO,
  fixtureBody,
  fixtureSignedReport,
  fixtureThumbnails,
} from './report-fixture';

/** The strings the document draws, inline pieces joined (enough to find a line by its words). */
function drawn(signed: SignedReport, spanish = false): string {
  const definition = reportDocumentDefinition(signed, {
    thumbnails: fixtureThumbnails(),
    language: spanish ? 'es' : 'en',
    generatedAt: '2025-06-09T08:00:00Z',
    reportHash: reportHash(signed.body),
    embeddedFileName: 'go-live-report.json',
    ...(spanish ? { labels: SPANISH_PDF_LABELS } : {}),
  });
  const texts: string[] = [];
  const walk = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(walk).join('');
    if (value && typeof value === 'object' && 'text' in value) return walk(value.text);
    return '';
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      if ('text' in value) texts.push(walk(value.text));
      Object.values(value).forEach(visit);
    }
  };
  visit(definition.content);
  return texts.join('\n');
}

async function signedWithout(...hashes: string[]): Promise<SignedReport> {
  return fixtureSignedReport({ ...fixtureBody(), formatVersion: 5, evidenceNotIncluded: hashes });
}

describe('the PDF of a report signed without some evidence', () => {
  it('lists the files not included on the summary and marks them on their item', async () => {
    const text = drawn(await signedWithout(UNTHUMBED_PHOTO.sha256));
    expect(text).toContain('Evidence not included');
    expect(text).toContain('had not reached the signing device');
    expect(text).toContain(`${UNTHUMBED_PHOTO.name} · 3 MB`);
    const lines = text.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^nas-front\.heic .*· NOT INCLUDED$/));
    expect(
      lines.filter((line) => line.includes('NOT INCLUDED') && line.includes(CONFIG_FILE.name)),
    ).toEqual([]);
  });

  it('has neither when every file was in hand, and says it in Spanish', async () => {
    const complete = drawn(await fixtureSignedReport());
    expect(complete).not.toContain('Evidence not included');
    expect(complete).not.toContain('NOT INCLUDED');
    const spanish = drawn(await signedWithout(UNTHUMBED_PHOTO.sha256), true);
    expect(spanish).toContain('Evidencias no incluidas');
    expect(spanish).toContain('NO INCLUIDO');
  });
});
