// Benchmark: drain time of 500 queued signed reports to a local hub (SQLite in a temporary folder,
// on 127.0.0.1) through the app's fetch transport and the sync engine, one report at a time as the
// app sends them. Bundles are signed and packed up front (each with 2 KB of evidence), so this
// times the push: request, the hub's decode + verify + insert, the receipt, the outbox update.
// Prints numbers only. Run: npx tsx test/bench/sync.bench.ts (BENCH_SYNC_REPORTS, default 500).
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { LocalReportBundle } from '../../core/sync';
import { runSyncCycle } from '../../core/sync';
import { createFetchTransport } from '../../renderer/sync/fetch-transport';
import { sqliteFactory, startTestHub } from '../integration/hub/hub-harness';
import { evidence, signedBundle } from '../integration/hub/report-fixtures';
import { createMemoryOutbox } from '../unit/core/sync/fakes';

const REPORTS = Number(process.env.BENCH_SYNC_REPORTS ?? 500);

const hub = await startTestHub(sqliteFactory());
try {
  const admin = await hub.enroll('bench-admin', 'Ana Admin', 'admin', 'Berlin');
  const outbox = createMemoryOutbox();
  const bundles = new Map<string, LocalReportBundle>();
  let bytes = 0;
  for (let i = 0; i < REPORTS; i++) {
    const reportId = `bench-${String(i).padStart(4, '0')}`;
    const attachment = evidence(
      `speed-${i}.txt`,
      utf8ToBytes(`run ${i}: 940 Mbit/s\n`.repeat(100)),
    );
    const bundle = await signedBundle(admin.signer, {
      reportId,
      office: 'Berlin',
      attachments: [attachment],
    });
    bundles.set(`${reportId}@1`, { bytes: bundle.bytes, reportHash: bundle.reportHash });
    bytes += bundle.bytes.length;
    outbox.add({ kind: 'report', key: `${reportId}@1` });
  }
  const transport = createFetchTransport({ baseUrl: hub.url, token: admin.token });
  const started = performance.now();
  let cycles = 0;
  while (outbox.all().some((entry) => entry.state !== 'sent') && cycles < 50) {
    await runSyncCycle({
      transport,
      outbox,
      reports: { bundle: async (id, revision) => bundles.get(`${id}@${revision}`) },
      role: 'admin',
      clock: () => new Date(),
      random: Math.random,
      config: { backoff: { baseMs: 10, capMs: 100, maxRetryAfterMs: 1_000 } },
    });
    cycles += 1;
  }
  const elapsed = performance.now() - started;
  const sent = outbox.all().filter((entry) => entry.state === 'sent').length;
  const stored = (await hub.store.listReports('all')).length;
  console.log(
    `sync: drain ${REPORTS} queued reports (${(bytes / 1e6).toFixed(1)} MB of bundles) to a local hub: ` +
      `${Math.round(elapsed)} ms total, ${(elapsed / REPORTS).toFixed(1)} ms/report, ` +
      `${Math.round((REPORTS / elapsed) * 1000)} reports/s; ${cycles} cycle(s), ${sent} sent, ${stored} stored by the hub`,
  );
} finally {
  await hub.close();
}
