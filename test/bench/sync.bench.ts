// Benchmark: drain time of 500 queued signed reports to a local hub (SQLite in a temporary folder,
// on 127.0.0.1) through the app's own code: the Dexie outbox and report store (renderer/sync, on
// fake-indexeddb in Node: the same Dexie code as in the app, IndexedDB itself is the fake), the
// bundle built from the stored report and its evidence at push time, the fetch transport and the
// sync engine, one report at a time as the app sends them. Reports are signed up front (each with
// 2 KB of evidence), so this times the push: reading the queue and the report, packing the bundle,
// the request, the hub's decode + verify + insert, the receipt, the outbox update.
// Prints numbers only. Run: npx tsx test/bench/sync.bench.ts (BENCH_SYNC_REPORTS, default 500).
import 'fake-indexeddb/auto';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalReportJson } from '../../core/reports';
import { runSyncCycle } from '../../core/sync';
import { openDatabase } from '../../renderer/storage/database';
import { createDexieOutbox } from '../../renderer/sync/dexie-outbox';
import { createReportBundleSource } from '../../renderer/sync/dexie-stores';
import { createFetchTransport } from '../../renderer/sync/fetch-transport';
import { sqliteFactory, startTestHub } from '../integration/hub/hub-harness';
import { evidence, signedBundle } from '../integration/hub/report-fixtures';

const REPORTS = Number(process.env.BENCH_SYNC_REPORTS ?? 500);

const hub = await startTestHub(sqliteFactory());
try {
  const admin = await hub.enroll('bench-admin', 'Ana Admin', 'admin', 'Berlin');
  const db = openDatabase('sync-bench');
  await db.open();
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
    bytes += bundle.bytes.length;
    const now = new Date().toISOString();
    // What a sign-off leaves on the device: the report, its evidence, the queued push.
    await db.transaction('rw', [db.signedReports, db.attachments, db.outbox], async () => {
      await db.signedReports.add({
        reportId,
        revision: 1,
        reportHash: bundle.reportHash,
        source: 'local',
        json: canonicalReportJson(bundle.signed),
        signed: bundle.signed,
        storedAt: now,
      });
      await db.attachments.add({
        ...attachment.ref,
        runId: reportId,
        itemId: 'speed-test',
        blob: new Blob([attachment.bytes as Uint8Array<ArrayBuffer>], { type: 'text/plain' }),
        createdAt: now,
      });
      await db.outbox.add({
        kind: 'report',
        key: `${reportId}@1`,
        state: 'pending',
        createdAt: now,
        attempts: 0,
      });
    });
  }
  const outbox = createDexieOutbox(db);
  const reports = createReportBundleSource(db);
  const transport = createFetchTransport({ baseUrl: hub.url, token: admin.token });
  const started = performance.now();
  let cycles = 0;
  while ((await db.outbox.where('state').notEqual('sent').count()) > 0 && cycles < 50) {
    await runSyncCycle({
      transport,
      outbox,
      reports,
      role: 'admin',
      clock: () => new Date(),
      random: Math.random,
      config: { backoff: { baseMs: 10, capMs: 100, maxRetryAfterMs: 1_000 } },
    });
    cycles += 1;
  }
  const elapsed = performance.now() - started;
  const sent = await db.outbox.where('state').equals('sent').count();
  const stored = (await hub.store.listReports('all')).length;
  console.log(
    `sync: drain ${REPORTS} queued reports through the Dexie outbox (${(bytes / 1e6).toFixed(1)} MB of bundles) to a local hub: ` +
      `${Math.round(elapsed)} ms total, ${(elapsed / REPORTS).toFixed(1)} ms/report, ` +
      `${Math.round((REPORTS / elapsed) * 1000)} reports/s; ${cycles} cycle(s), ${sent} sent, ${stored} stored by the hub`,
  );
} finally {
  await hub.close();
}
