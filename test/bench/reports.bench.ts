// Benchmark: the sign-off of a 300-item run (build the body, sign off, countersign, verify), the
// PDF attach and extract of that report, and a bundle with 30 x 200 KB photos (encode, decode).
// Prints numbers only; never asserts timings. Run: npx tsx test/bench/reports.bench.ts (or
// `npm run bench`); BENCH_ROUNDS sets the rounds per measurement (default 20).
import { webcrypto } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { definitionSchema, type DefinitionInput } from '../../core/definitions/schema';
import {
  attachReportToPdf,
  buildReportBody,
  canonicalReportBytes,
  countersign,
  createKeySigner,
  decodeBundle,
  encodeBundle,
  extractReportFromPdf,
  sha256HexOfBytes,
  signOff,
  verifyReport,
  type BundleAttachment,
  type SignedReport,
  type TrustList,
} from '../../core/reports';
import {
  applyAction,
  recordEvent,
  type Action,
  type Actor,
  type Answer,
  type RunEvent,
  type Run,
} from '../../core/runs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const ITEMS = 300;
const PHOTOS = 30;
const PHOTO_BYTES = 200 * 1024;
const SIGNED_AT = '2025-06-01T16:00:00.000Z';
const ADMIN: Actor = { id: 'bench-admin', name: 'Bench Admin', role: 'admin' };

const input: DefinitionInput = {
  id: 'bench-office',
  version: '1.0.0',
  title: 'Bench office',
  kind: 'new-office',
  changelog: 'Benchmark.',
  departments: [{ id: 'network', title: 'Network' }],
  sections: Array.from({ length: 10 }, (_, s) => ({
    id: `section-${s}`,
    title: `Section ${s}`,
    department: 'network',
    items: Array.from({ length: ITEMS / 10 }, (_, i) =>
      i % 3 === 0
        ? {
            id: `item-${s}-${i}`,
            title: `Measure ${s}.${i}`,
            type: 'number' as const,
            unit: 'Mbit/s',
            min: 10,
            estimateMinutes: 10,
          }
        : {
            id: `item-${s}-${i}`,
            title: `Check ${s}.${i}`,
            type: 'check' as const,
            estimateMinutes: 5,
          },
    ),
  })),
};
const definition = definitionSchema.parse(input);
const run: Run = {
  id: 'run-bench',
  definitionId: definition.id,
  definitionVersion: definition.version,
  definitionHash: 'a'.repeat(64),
  kind: 'new-office',
  name: 'Bench office',
  parameters: {},
  plannedGoLive: '2025-06-02',
  createdAt: '2025-05-30T08:00:00.000Z',
  createdBy: ADMIN,
  state: 'in-progress',
};

const photos: BundleAttachment[] = Array.from({ length: PHOTOS }, (_, i) => {
  const bytes = new Uint8Array(PHOTO_BYTES);
  for (let offset = 0; offset < bytes.length; offset += 65_536) {
    webcrypto.getRandomValues(bytes.subarray(offset, offset + 65_536));
  }
  return {
    ref: {
      id: `photo-${i}`,
      name: `rack-${i}.jpg`,
      mimeType: 'image/jpeg',
      size: bytes.length,
      sha256: sha256HexOfBytes(bytes),
    },
    bytes,
  };
});

function tickAll(): { answers: Map<string, Answer>; events: RunEvent[] } {
  const answers = new Map<string, Answer>();
  const events: RunEvent[] = [];
  let minute = 0;
  const apply = (action: Action): void => {
    const now = new Date(Date.UTC(2025, 4, 31, 9, minute++)).toISOString();
    const result = applyAction({ definition, run, answers, actor: ADMIN, now }, action);
    if (!result.ok) throw new Error(`${action.type} ${action.itemId}: ${result.error.message}`);
    answers.set(result.answer.itemId, result.answer);
    events.push(recordEvent(result.event, 'bench-device', events.at(-1) ?? null, {}));
  };
  let photo = 0;
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.type === 'number') {
        apply({ type: 'setValue', itemId: item.id, value: { type: 'number', value: 480 } });
      }
      if (photo < PHOTOS)
        apply({ type: 'attach', itemId: item.id, attachment: photos[photo++]!.ref });
      apply({ type: 'setStatus', itemId: item.id, status: 'done' });
    }
  }
  return { answers, events };
}

function time<T>(label: string, rounds: number, work: () => T): T {
  let result = work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) result = work();
  const each = (performance.now() - started) / rounds;
  console.log(`reports: ${label}: ${each.toFixed(1)} ms`);
  return result;
}

async function timeAsync<T>(label: string, rounds: number, work: () => Promise<T>): Promise<T> {
  let result = await work();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) result = await work();
  const each = (performance.now() - started) / rounds;
  console.log(`reports: ${label}: ${each.toFixed(1)} ms`);
  return result;
}

const { answers, events } = tickAll();
const admin = createKeySigner(new Uint8Array(32).fill(1), { name: 'Bench Admin', role: 'admin' });
const supervisor = createKeySigner(new Uint8Array(32).fill(2), {
  name: 'Bench Supervisor',
  role: 'supervisor',
});
const trust: TrustList = {
  format: 'go-live-trust-list',
  formatVersion: 1,
  // Who may sign what for which office: the administrator of the office, its supervisor.
  keys: [
    { ...(await admin.identity()), office: 'Bench office' },
    { ...(await supervisor.identity()), supervises: ['Bench office'] },
  ].map(({ publicKey, name, role, ...scope }) => ({ publicKey, name, role, ...scope })),
};
const buildInput = {
  definition,
  run,
  answers,
  events,
  office: 'Bench office',
  lessonsLearned: 'None.',
  signedAt: SIGNED_AT,
  revision: 1,
  supersedes: null,
};

console.log(`reports: ${ITEMS} items, ${events.length} events, ${ROUNDS} rounds each`);
const body = time('build the report body (verifies the event chain)', ROUNDS, () =>
  buildReportBody(buildInput),
);
const signed: SignedReport = await timeAsync('sign off + countersign', ROUNDS, async () =>
  countersign(supervisor, await signOff(admin, body, SIGNED_AT), '2025-06-01T18:00:00.000Z'),
);
const json = JSON.parse(new TextDecoder().decode(canonicalReportBytes(signed))) as unknown;
const result = time('verify (shape, hash, 2 signatures, trust)', ROUNDS, () =>
  verifyReport(json, trust),
);
if (!result.valid) throw new Error(JSON.stringify(result.problems));
await timeAsync('build + sign off + countersign + verify', ROUNDS, async () => {
  const fresh = buildReportBody(buildInput);
  const report = await countersign(
    supervisor,
    await signOff(admin, fresh, SIGNED_AT),
    '2025-06-01T18:00:00.000Z',
  );
  return verifyReport(report, trust);
});
console.log(
  `reports: report.json is ${(canonicalReportBytes(signed).length / 1024).toFixed(0)} KB`,
);

const page = await PDFDocument.create();
page.addPage();
const pdf = await page.save();
const withReport = await timeAsync('attach the report to a 1-page PDF', ROUNDS, () =>
  attachReportToPdf(pdf, signed),
);
await timeAsync('extract the report from the PDF', ROUNDS, () => extractReportFromPdf(withReport));

const bundle = time(`encode a bundle with ${PHOTOS} x ${PHOTO_BYTES / 1024} KB photos`, 5, () =>
  encodeBundle(signed, photos),
);
console.log(`reports: bundle is ${(bundle.length / 1024 / 1024).toFixed(1)} MB`);
const decoded = time('decode the bundle (unzip + 30 SHA-256 checks)', 5, () =>
  decodeBundle(bundle),
);
if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
