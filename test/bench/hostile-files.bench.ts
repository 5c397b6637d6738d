// Benchmark: how long the verifier spends on hostile files (issue 11, points 3 and 7), next to
// honest ones: a bundle of 8 MB whose evidence declares 2 KB but inflates to 8 GB, a bundle
// whose entries share one stream, junk PDFs of 1, 20 and 200 MB without a catalog, and the
// sign-off PDF the app exports. Before the fixes the bomb took 27-30 s (more than 200 s on this
// machine), junk PDFs about 1.8 s per MB (20 MB: 40 s of CPU; 200 MB never finished); the figures
// are in the notes. Numbers only; never asserts timings.
// Run: npx tsx test/bench/hostile-files.bench.ts (BENCH_ROUNDS, default 5).
import {
  attachmentPath,
  decodeBundle,
  encodeBundle,
  extractReportFromPdf,
  reportHash,
} from '../../core/reports';
import { renderReportPdf } from '../../renderer/pdf/report-pdf';
import { allEvidence, countersigned, evidenceBody, speedTest } from '../unit/core/reports/fixtures';
import { craftZip, deflateBomb, entriesOf, junkPdf } from '../unit/core/reports/hostile-files';
import { fixtureSignedReport, fixtureThumbnails } from '../unit/pdf/report-fixture';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MB = 1024 * 1024;

async function time(label: string, rounds: number, work: () => unknown): Promise<void> {
  let outcome = await work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) outcome = await work();
  const each = (performance.now() - started) / rounds;
  console.log(`hostile files: ${label}: ${each.toFixed(1)} ms (${String(outcome)})`);
}

function bundleOutcome(bytes: Uint8Array): string {
  const decoded = decodeBundle(bytes);
  return decoded.ok ? 'ok' : decoded.problems.map((p) => p.code).join(', ');
}

async function pdfOutcome(bytes: Uint8Array): Promise<string> {
  const extracted = await extractReportFromPdf(bytes);
  return extracted.ok ? 'ok' : extracted.problem.code;
}

const honest = encodeBundle(await countersigned(evidenceBody()), allEvidence);
const speedEntry = attachmentPath(speedTest.ref.sha256);
const bomb = craftZip(
  entriesOf(honest).map((entry) =>
    entry.name === speedEntry ? { ...entry, data: deflateBomb(8 * 1024 * MB) } : entry,
  ),
);
const shared = entriesOf(honest);
const padding = shared.length;
shared.push({ name: 'padding', data: new Uint8Array(400 * 1024), method: 0 });
for (let i = 0; i < 1000; i++) {
  shared.push({ name: `copy-${i}`, data: new Uint8Array(), method: 0, sameDataAs: padding });
}

await time(`decode an honest bundle (${(honest.length / 1024).toFixed(0)} KB)`, ROUNDS, () =>
  bundleOutcome(honest),
);
await time(
  `decode a ${(bomb.length / MB).toFixed(1)} MB bundle whose evidence declares 2 KB and inflates to 8 GB`,
  ROUNDS,
  () => bundleOutcome(bomb),
);
await time('decode a bundle listing one 400 KB stream 1,000 times', ROUNDS, () =>
  bundleOutcome(craftZip(shared)),
);

const fixture = await fixtureSignedReport();
const exported = await renderReportPdf(fixture, {
  thumbnails: fixtureThumbnails(),
  language: 'en',
  generatedAt: '2025-06-09T08:00:00Z',
  reportHash: reportHash(fixture.body),
});
await time(
  `extract the report from the exported sign-off PDF (${(exported.length / 1024).toFixed(0)} KB)`,
  ROUNDS,
  () => pdfOutcome(exported),
);
for (const size of [1, 20, 200]) {
  const junk = junkPdf(size * MB);
  await time(`extract from ${size} MB of junk behind a PDF header`, size === 200 ? 2 : ROUNDS, () =>
    pdfOutcome(junk),
  );
}
