// Benchmark: export the sign-off PDF of a large run: 300 items in 12 sections, 30 of them with a
// ~20 KB photo thumbnail (noise PNGs, which do not compress: the worst case for size). Prints the
// time to build the document definition, the whole export (layout, render, attach the signed
// report) and the PDF's size and page count. Numbers only; never asserts timings.
// Run: npx tsx test/bench/pdf.bench.ts (BENCH_RUNS, default 3).
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { reportHash } from '../../core/reports/report-hash';
import { reportDocumentDefinition } from '../../renderer/pdf/report-document';
import { renderReportPdf } from '../../renderer/pdf/report-pdf';
import { generatedSignedReport } from '../unit/pdf/report-fixture';

const ITEMS = 300;
const PHOTOS = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A 96x72 RGB PNG of pseudo-random noise (~21 KB), different for each seed. */
function noisePng(seed: number): Uint8Array {
  const width = 96;
  const height = 72;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let state = (seed + 1) * 0x9e3779b1 || 1;
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < width * 3; x += 1) {
      // xorshift32
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      raw[y * (width * 3 + 1) + 1 + x] = state & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

const { signed, thumbnails } = await generatedSignedReport(ITEMS, PHOTOS, (index) => ({
  bytes: noisePng(index),
  mimeType: 'image/png',
}));
const photoBytes = [...thumbnails.values()].reduce((sum, photo) => sum + photo.bytes.length, 0);
const options = {
  thumbnails,
  language: 'en',
  generatedAt: new Date().toISOString(),
  reportHash: reportHash(signed.body),
};

const definitionStarted = performance.now();
reportDocumentDefinition(signed, { ...options, embeddedFileName: 'go-live-report.json' });
const definitionMs = performance.now() - definitionStarted;

const times: number[] = [];
let pdf: Uint8Array = new Uint8Array(0);
for (let run = 0; run <= RUNS; run += 1) {
  const started = performance.now();
  pdf = await renderReportPdf(signed, options);
  if (run > 0) times.push(performance.now() - started); // run 0 warms up (font loading, JIT)
}
const pages = (await PDFDocument.load(pdf)).getPageCount();
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
console.log(
  `pdf: ${ITEMS} items, ${thumbnails.size} photos (${(photoBytes / 1024).toFixed(0)} KB of thumbnails): ` +
    `definition ${definitionMs.toFixed(0)} ms, export median ${median.toFixed(0)} ms ` +
    `(runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms), ` +
    `${(pdf.length / 1024).toFixed(0)} KB, ${pages} pages`,
);
