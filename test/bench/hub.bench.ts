// Benchmark: the hub ingesting realistic signed reports (a 300-item report, ~100 KB of canonical
// JSON, with 3 photos) over HTTP on 127.0.0.1 with autocannon, 10 connections, in one run against
// (1) the hub on SQLite, (2) the hub on PostgreSQL (a throwaway cluster; skipped with the reason
// when PostgreSQL is not installed) and (3) a Fastify route that only receives the same bytes
// (the floor: HTTP and body parsing, nothing verified or stored). Prints reports/s, p99 latency
// and the ratio to the floor (issue 14's goal: >= 0.5x). autocannon runs in this process, for all
// three alike. Prints only. Run: npx tsx test/bench/hub.bench.ts (BENCH_HUB_REPORTS, default 400).
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { webcrypto } from 'node:crypto';
import {
  canonicalReportBytes,
  encodeBundle,
  sha256HexOfBytes,
  signOff,
  type BundleAttachment,
  type ReportBody,
  type ReportItem,
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

const REPORTS = Number(process.env.BENCH_HUB_REPORTS ?? 400);
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
const bundles: Buffer[] = [];
let jsonBytes = 0;
for (let i = 0; i < WARM_UP + REPORTS; i++) {
  const body = bigBody(`bench-${String(i).padStart(5, '0')}`);
  const signed = await signOff(signer, body, body.signedAt);
  if (i === 0) jsonBytes = canonicalReportBytes(signed).length;
  bundles.push(Buffer.from(encodeBundle(signed, photos)));
}
const bundleBytes = bundles.reduce((sum, b) => sum + b.length, 0) / bundles.length;

interface Figures {
  label: string;
  rate: number;
  p99: number;
  non2xx: number;
}

/** POSTs the bundles to `url` (warm-up first, one at a time), then REPORTS of them with autocannon. */
async function load(label: string, url: string, token: string): Promise<Figures> {
  const headers = {
    [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
    authorization: `Bearer ${token}`,
    'content-type': 'application/zip',
  };
  for (const bundle of bundles.slice(0, WARM_UP)) {
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
    amount: REPORTS,
    timeout: 60,
    requests: [{ setupRequest: (request) => ({ ...request, body: bundles[next++] }) }],
  });
  const seconds = result.duration;
  return {
    label,
    rate: (result['2xx'] ?? 0) / seconds,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

async function againstHub(label: string, factory: StoreFactory): Promise<Figures> {
  const hub = await startTestHub(factory);
  try {
    const admin = await hub.enroll(...SIGNER);
    const figures = await load(label, `${hub.url}${PATHS.reports}`, admin.token);
    const stored = (await hub.store.listReports('all')).length;
    if (stored !== WARM_UP + REPORTS) throw new Error(`${label}: ${stored} reports stored`);
    return figures;
  } finally {
    await hub.close();
  }
}

async function againstParseOnly(): Promise<Figures> {
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
    return await load('parse-only Fastify route', `http://127.0.0.1:${port}${PATHS.reports}`, 'x');
  } finally {
    await app.close();
  }
}

const floor = await againstParseOnly();
const results = [await againstHub('hub on SQLite', sqliteFactory())];
const cluster = await startPostgresCluster();
if (cluster.ok) {
  try {
    results.push(await againstHub('hub on PostgreSQL', postgresFactory(cluster.cluster)));
  } finally {
    await cluster.cluster.stop();
  }
} else {
  console.log(`hub ingest: PostgreSQL skipped: ${cluster.reason}`);
}

console.log(
  `hub ingest: ${REPORTS} signed ${ITEMS}-item reports (${Math.round(jsonBytes / 1024)} KB canonical JSON, ` +
    `${Math.round(bundleBytes / 1024)} KB bundle with 3 photos), autocannon ${CONNECTIONS} connections on 127.0.0.1:`,
);
for (const figures of [...results, floor]) {
  const ratio =
    figures === floor
      ? ''
      : `, ${(figures.rate / floor.rate).toFixed(2)}x the parse-only route (goal >= 0.5x)`;
  console.log(
    `  ${figures.label}: ${figures.rate.toFixed(0)} reports/s, p99 ${figures.p99} ms` +
      `${figures.non2xx > 0 ? `, ${figures.non2xx} NOT 2xx` : ''}${ratio}`,
  );
}
