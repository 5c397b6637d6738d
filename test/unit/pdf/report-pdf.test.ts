// Renders the fixture report to a real PDF and reads it back with poppler (pdftotext, pdfinfo,
// pdffonts, pdfdetach), as a supervisor's PDF reader would: the text is there and intact, fonts are
// embedded, the page is A4, and the signed report rides along as go-live-report.json and verifies.
// Also writes page images to test-results/screens/pdf-*.png for a human look.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReportFromPdf } from '../../../core/reports/pdf-attachment';
import type { TrustList } from '../../../core/reports/report-format';
import { canonicalReportJson, reportHash } from '../../../core/reports/report-hash';
import { verifyReport } from '../../../core/reports/verify';
import { renderReportPdf } from '../../../renderer/pdf/report-pdf';
import {
  ACCEPTED_FAILURE_REASON,
  ADMIN,
  ADMIN_KEY,
  LONG_UNBROKEN,
  MUSTACHE_NOTE,
  RUN_NAME,
  SCRIPT_NOTE,
  SPANISH_TITLE,
  SUPERVISOR,
  SUPERVISOR_KEY,
  TEMPLATE_VERSION,
  fixtureSignedReport,
  fixtureThumbnails,
} from './report-fixture';

const screens = fileURLToPath(new URL('../../../test-results/screens/', import.meta.url));
const signed = await fixtureSignedReport();
const hash = reportHash(signed.body);

let directory: string;
let pdfPath: string;
let pdf: Uint8Array;
/** pdftotext -layout, one entry per page. */
let pages: string[];

const run = (command: string, args: string[]): string =>
  execFileSync(command, args, { encoding: 'utf8' });

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  pdf = await renderReportPdf(signed, {
    thumbnails: fixtureThumbnails(),
    language: 'en',
    generatedAt: '2025-06-09T08:00:00Z',
    reportHash: hash,
  });
  pdfPath = join(directory, 'sign-off.pdf');
  writeFileSync(pdfPath, pdf);
  pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']).split('\f');
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('renderReportPdf', () => {
  it('writes the report as readable text', () => {
    const text = pages.join('\n');
    expect(text).toContain(RUN_NAME);
    expect(text).toContain(TEMPLATE_VERSION);
    expect(text).toContain('GO WITH WAIVERS');
    expect(text).toContain(ADMIN.name);
    expect(text).toContain(SUPERVISOR.name);
    expect(text).toContain(SPANISH_TITLE);
    expect(text).toContain(SCRIPT_NOTE);
    expect(text).toContain(MUSTACHE_NOTE);
    expect(text).toContain(hash);
    expect(text).toContain('How to verify');
    expect(text).toContain('go-live-report.json');
    // The long string wraps over several lines, all of it on the page.
    expect(text.replace(/\s+/g, '')).toContain(LONG_UNBROKEN);
    expect(text.split('\n').some((row) => row.includes(LONG_UNBROKEN))).toBe(false);
  });

  it('numbers its pages "Page X of Y" and repeats the fingerprint in the header', () => {
    const count = pages.filter((page) => page.trim() !== '').length;
    expect(count).toBeGreaterThanOrEqual(4);
    expect(pages[0]).toContain(`Page 1 of ${count}`);
    expect(pages[count - 1]).toContain(`Page ${count} of ${count}`);
    const short = (hash.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
    for (const page of pages.slice(0, count)) expect(page).toContain(short);
  });

  it('is A4 with embedded fonts', () => {
    expect(run('pdfinfo', [pdfPath])).toMatch(/Page size:\s+595(\.\d+)? x 841\.\d+ pts \(A4\)/);
    const fonts = run('pdffonts', [pdfPath]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const columns = font.trim().split(/\s+/);
      expect(columns.at(-5), font).toBe('yes'); // emb
    }
  });

  it('carries the signed report as go-live-report.json, in canonical form, and it verifies', async () => {
    expect(run('pdfdetach', ['-list', pdfPath])).toContain('go-live-report.json');
    const out = join(directory, 'out.json');
    run('pdfdetach', ['-save', '1', '-o', out, pdfPath]);
    const json = readFileSync(out, 'utf8');
    expect(json).toBe(canonicalReportJson(signed));

    const extracted = await extractReportFromPdf(pdf);
    expect(extracted).toEqual({ ok: true, json });
    const trust: TrustList = {
      format: 'go-live-trust-list',
      formatVersion: 1,
      keys: [
        { publicKey: ADMIN_KEY.publicKey, name: ADMIN.name, role: 'admin', office: 'Madrid' },
        {
          publicKey: SUPERVISOR_KEY.publicKey,
          name: SUPERVISOR.name,
          role: 'supervisor',
          supervises: ['Madrid'],
        },
      ],
    };
    const result = verifyReport(JSON.parse(json), trust);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("refuses a fingerprint that is not the report body's", async () => {
    await expect(
      renderReportPdf(signed, {
        thumbnails: new Map(),
        language: 'en',
        generatedAt: '2025-06-09T08:00:00Z',
        reportHash: 'a'.repeat(64),
      }),
    ).rejects.toThrow(/fingerprint/);
  });

  it('lists failing items on the summary page with what was decided about each', () => {
    const page = String(pages.findIndex((text) => text.includes('Failing items')) + 1);
    // Reading order, not layout: table cells come out whole.
    const summary = run('pdftotext', ['-f', page, '-l', page, '-enc', 'UTF-8', pdfPath, '-']);
    const flat = summary.replace(/\s+/g, ' ');
    expect(flat).toContain('State and decision');
    expect(flat).toContain('87.5 Mbit/s is below the minimum of 100 Mbit/s.');
    expect(flat).toContain('DONE · major');
    expect(flat).toContain('Marked done anyway, because:');
    expect(flat).toContain(ACCEPTED_FAILURE_REASON.replace(/\s+/g, ' '));
    expect(flat).toContain(ADMIN.name);
  });

  it('renders the cover and an item page with photos to test-results/screens', () => {
    mkdirSync(screens, { recursive: true });
    const itemPage =
      pages.findIndex((page) => page.includes('Two internet providers') && page.includes('Items')) +
      1;
    expect(itemPage).toBeGreaterThan(1);
    const summaryPage = pages.findIndex((page) => page.includes('Failing items')) + 1;
    expect(summaryPage).toBeGreaterThan(1);
    for (const [page, name] of [
      [1, 'pdf-cover'],
      [summaryPage, 'pdf-summary'],
      [itemPage, 'pdf-items'],
    ] as const) {
      run('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-singlefile',
        '-f',
        String(page),
        '-l',
        String(page),
        pdfPath,
        join(screens, name),
      ]);
      const png = readFileSync(join(screens, `${name}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
