// Benchmark: the hub ingesting realistic signed reports over HTTP on 127.0.0.1 with autocannon,
// 10 connections, in one run against (1) the hub on SQLite, (2) the hub on PostgreSQL (a throwaway
// cluster; skipped with the reason when PostgreSQL is not installed) and (3) a Fastify route that
// only receives the same bytes (the floor: HTTP and body parsing, nothing verified or stored).
// Two kinds of report, each with 3 photos: a 300-item report without history (format 1, ~145 KB of
// canonical JSON; the figure of the issue) and the same run as the app signs it off today (format
// 3, with its ~400 events: ~420 KB, every event hashed and the history merged on ingest). Prints
// reports/s, p99 latency and the ratio to the floor (issue 14's goal: >= 0.5x). autocannon runs in
// this process, for all alike. Prints only. Run: npx tsx test/bench/hub.bench.ts
// (BENCH_HUB_REPORTS, default 400; BENCH_HUB_HISTORY_REPORTS, default 60).
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { webcrypto } from 'node:crypto';
import {
  canonicalReportBytes,
  decodeBundle,
  encodeBundle,
  sha256HexOfBytes,
  signOff,
  type BundleAttachment,
  type ReportBody,
  type ReportItem,
  type SignedReport,
} from '../../core/reports';
import {
  LIMITS,
  PATHS,
  PROTOCOL_HEADER,
  WIRE_PROTOCOL_VERSION,
} from '../../core/sync/wire-protocol';
import {
  postgresFactory,
  sqliteFactory,
  startTestHub,
  type StoreFactory,
} from '../integration/hub/hub-harness';
import { startPostgresCluster } from '../integration/hub/postgres-cluster';
import { reportBody, signerFor } from '../integration/hub/report-fixtures';
import { historyReportBundle } from './history-report';

const REPORTS = Number(process.env.BENCH_HUB_REPORTS ?? 400);
const HISTORY_REPORTS = Number(process.env.BENCH_HUB_HISTORY_REPORTS ?? 60);
const WARM_UP = 20;
const CONNECTIONS = 10;
const ITEMS = 300;
const PHOTO_BYTES = 60 * 1024;
const OFFICE = 'Berlin';
const SIGNER = ['bench-admin', 'Ana Admin', 'admin', OFFICE] as const;

const photos: BundleAttachment[] = Array.from({ length: 3 }, (_, i) => {
  const bytes = webcrypto.getRandomValues(new Uint8Array(PHOTO_BYTES));
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

/** The 300-item report of the reports bench: 10 sections, numbers, notes, 3 photos. */
function bigBody(reportId: string): ReportBody {
  const base = reportBody({ reportId, office: OFFICE, attachments: photos });
  const admin = { id: 'usr-admin', name: 'Admin', role: 'admin' as const };
  const sections = Array.from({ length: 10 }, (_, s) => ({
    id: `section-${s}`,
    title: `Section ${s}: network, cabling and workplaces`,
    department: 'network',
    items: Array.from({ length: ITEMS / 10 }, (_, i): ReportItem => {
      const n = s * (ITEMS / 10) + i;
      return {
        id: `item-${s}-${i}`,
        title: `Check ${s}.${i}: patch panel ports labelled and tested end to end`,
        type: i % 3 === 0 ? 'number' : 'check',
        severity: i % 7 === 0 ? 'blocking' : 'minor',
        department: 'network',
        status: 'done',
        ...(i % 3 === 0
          ? { value: { type: 'number' as const, value: 480 + n }, unit: 'Mbit/s' }
          : {}),
        notes: `Tested with the Fluke on floor ${s}; label ${n} matches the plan.`,
        attachments: n < photos.length ? [photos[n]!.ref] : [],
        failing: false,
        startedAt: '2025-06-01T09:00:00.000Z',
        finishedAt: '2025-06-01T09:05:00.000Z',
        estimateMinutes: 5,
        updatedAt: '2025-06-01T10:00:00.000Z',
        updatedBy: admin,
      };
    }),
  }));
  return {
    ...base,
    summary: { ...base.summary, total: ITEMS, done: ITEMS, estimateMinutes: ITEMS * 5 },
    sections,
  };
}

const signer = signerFor(...SIGNER);

/** One kind of report: its bundles (WARM_UP first), how many autocannon sends, sizes. */
interface ReportSet {
  name: string;
  bundles: Buffer[];
  count: number;
  describe: string;
}

async function plainReports(): Promise<ReportSet> {
  const bundles: Buffer[] = [];
  let jsonBytes = 0;
  for (let i = 0; i < WARM_UP + REPORTS; i++) {
    const body = bigBody(`bench-${String(i).padStart(5, '0')}`);
    const signed = await signOff(signer, body, body.signedAt);
    if (i === 0) jsonBytes = canonicalReportBytes(signed).length;
    bundles.push(Buffer.from(encodeBundle(signed, photos)));
  }
  return {
    name: 'format 1',
    bundles,
    count: REPORTS,
    describe: `${REPORTS} signed ${ITEMS}-item reports without history (format 1, ${Math.round(jsonBytes / 1024)} KB canonical JSON, ${kb(bundles)} KB bundle with 3 photos)`,
  };
}

async function historyReports(): Promise<ReportSet> {
  const bundles: Buffer[] = [];
  let events = 0;
  const actor = { id: 'usr-admin', name: SIGNER[1], role: 'admin' as const };
  for (let i = 0; i < WARM_UP + HISTORY_REPORTS; i++) {
    const id = `history-${String(i).padStart(5, '0')}`;
    const made = await historyReportBundle(id, OFFICE, signer, actor, photos, ITEMS);
    events = made.events;
    bundles.push(Buffer.from(made.bundle));
  }
  const decoded = decodeBundle(bundles[0]!);
  const jsonBytes = decoded.ok ? canonicalReportBytes(decoded.signed as SignedReport).length : 0;
  return {
    name: 'format 3',
    bundles,
    count: HISTORY_REPORTS,
    describe: `${HISTORY_REPORTS} signed ${ITEMS}-item reports as the app writes them (format 3 with a history of ${events} events, ${Math.round(jsonBytes / 1024)} KB canonical JSON, ${kb(bundles)} KB bundle with 3 photos)`,
  };
}

function kb(bundles: Buffer[]): number {
  return Math.round(bundles.reduce((sum, b) => sum + b.length, 0) / bundles.length / 1024);
}

interface Figures {
  label: string;
  rate: number;
  p99: number;
  non2xx: number;
}

/** POSTs the set's bundles to `url` (warm-up first, one at a time), then the rest with autocannon. */
async function load(label: string, url: string, token: string, set: ReportSet): Promise<Figures> {
  const headers = {
    [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
    authorization: `Bearer ${token}`,
    'content-type': 'application/zip',
  };
  for (const bundle of set.bundles.slice(0, WARM_UP)) {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: new Uint8Array(bundle) as Uint8Array<ArrayBuffer>,
    });
    if (response.status !== 201)
      throw new Error(`${label}: ${response.status} ${await response.text()}`);
  }
  let next = WARM_UP;
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    connections: CONNECTIONS,
    amount: set.count,
    timeout: 60,
    // autocannon reports its result at the first sample tick after the last response: with the
    // default 1 s ticks a run shorter than a second (the parse-only route) counts as one second.
    sampleInt: 10,
    requests: [{ setupRequest: (request) => ({ ...request, body: set.bundles[next++] }) }],
  });
  const seconds = result.duration;
  return {
    label,
    rate: (result['2xx'] ?? 0) / seconds,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

async function againstHub(label: string, factory: StoreFactory, set: ReportSet): Promise<Figures> {
  const hub = await startTestHub(factory);
  try {
    const admin = await hub.enroll(...SIGNER);
    const figures = await load(label, `${hub.url}${PATHS.reports}`, admin.token, set);
    const stored = (await hub.store.listReports('all')).length;
    if (stored !== WARM_UP + set.count) throw new Error(`${label}: ${stored} reports stored`);
    return figures;
  } finally {
    await hub.close();
  }
}

async function againstParseOnly(set: ReportSet): Promise<Figures> {
  const app = Fastify({ bodyLimit: LIMITS.reportBundleBytes });
  app.addContentTypeParser('application/zip', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.post(PATHS.reports, async (request, reply) =>
    reply.status(201).send({ received: (request.body as Buffer).length }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const url = `http://127.0.0.1:${port}${PATHS.reports}`;
    return await load('parse-only Fastify route', url, 'x', set);
  } finally {
    await app.close();
  }
}

const sets = [await plainReports(), await historyReports()];
const cluster = await startPostgresCluster();
if (!cluster.ok) console.log(`hub ingest: PostgreSQL skipped: ${cluster.reason}`);
try {
  for (const set of sets) {
    const floor = await againstParseOnly(set);
    const results = [await againstHub('hub on SQLite', sqliteFactory(), set)];
    if (cluster.ok) {
      results.push(await againstHub('hub on PostgreSQL', postgresFactory(cluster.cluster), set));
    }
    console.log(`hub ingest, ${set.describe}, autocannon ${CONNECTIONS} connections on 127.0.0.1:`);
    for (const figures of [...results, floor]) {
      const ratio =
        figures === floor
          ? ''
          : `, ${(figures.rate / floor.rate).toFixed(2)}x the parse-only route (goal >= 0.5x)`;
      console.log(
        `  ${set.name}: ${figures.label}: ${figures.rate.toFixed(0)} reports/s, p99 ${figures.p99} ms` +
          `${figures.non2xx > 0 ? `, ${figures.non2xx} NOT 2xx` : ''}${ratio}`,
      );
    }
  }
} finally {
  if (cluster.ok) await cluster.cluster.stop();
}
