// Benchmark: the hub ingesting N small signed report bundles over HTTP on 127.0.0.1 (SQLite store,
// one request at a time, as one device's outbox sends them), next to raw better-sqlite3 inserts of
// the same rows (one autocommit insert each), and the ratio: what decoding, verification, the
// checks and HTTP cost on top of the write. Prints only. Run with `npm run bench`.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PATHS, PROTOCOL_HEADER, WIRE_PROTOCOL_VERSION } from '../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../hub/enrollment';
import { createHub } from '../../hub/server';
import { openSqliteStore } from '../../hub/store/open-store';
import { sha256Hex } from '../../hub/tokens';
import { signedBundle, signerFor } from '../integration/hub/report-fixtures';

const N = 300;
const OFFICE = 'Berlin';

const dir = mkdtempSync(path.join(tmpdir(), 'hub-bench-'));
try {
  const store = await openSqliteStore(path.join(dir, 'hub.sqlite'));
  const app = createHub({ store, limits: { rateLimitMax: 1_000_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const headers = { [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION) };

  const signer = signerFor('bench-admin', 'Ben Bench', 'admin', OFFICE);
  const user = await createUser(
    store,
    { name: 'Ben Bench', role: 'admin', office: OFFICE },
    new Date(),
  );
  const { code } = await issueCode(store, user, new Date());
  const enrolled = (await (
    await fetch(`${url}${PATHS.enroll}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        code,
        publicKey: (await signer.identity()).publicKey,
        deviceName: 'bench',
      }),
    })
  ).json()) as { deviceToken: string; deviceId: string };

  const bundles = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      signedBundle(signer, { reportId: `bench-${i}`, office: OFFICE }),
    ),
  );
  const averageBytes = bundles.reduce((sum, b) => sum + b.bytes.length, 0) / N;

  const started = performance.now();
  for (const bundle of bundles) {
    const response = await fetch(`${url}${PATHS.reports}`, {
      method: 'POST',
      headers: {
        ...headers,
        authorization: `Bearer ${enrolled.deviceToken}`,
        'content-type': 'application/zip',
      },
      body: bundle.bytes as Uint8Array<ArrayBuffer>,
    });
    if (response.status !== 201)
      throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
  }
  const hubMs = performance.now() - started;
  await app.close();
  await store.close();

  // The same rows, written straight into the same schema.
  const raw = new Database(path.join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = OFF');
  raw.exec(
    readFileSync(
      path.resolve(import.meta.dirname, '../../hub/store/migrations/sqlite/001_initial.sql'),
      'utf8',
    ),
  );
  const insert = raw.prepare(
    `INSERT INTO reports (report_id, revision, report_hash, json_hash, office, run_name, definition_id,
       definition_version, decision, signed_at, received_at, review_state, signature_count, device_id, bundle)
     VALUES (?, 1, ?, ?, ?, ?, 'new-office', '1.1.0', 'go', ?, ?, 'signed', 1, ?, ?)`,
  );
  const rawStarted = performance.now();
  for (const bundle of bundles) {
    insert.run(
      bundle.signed.body.reportId,
      bundle.reportHash,
      sha256Hex(bundle.bytes),
      OFFICE,
      bundle.signed.body.run.name,
      bundle.signed.body.signedAt,
      new Date().toISOString(),
      enrolled.deviceId,
      bundle.bytes,
    );
  }
  const rawMs = performance.now() - rawStarted;
  raw.close();

  const hubRate = N / (hubMs / 1000);
  const rawRate = N / (rawMs / 1000);
  console.log(
    `hub ingest: ${N} signed bundles (${Math.round(averageBytes)} B each) over HTTP on 127.0.0.1, SQLite: ` +
      `${Math.round(hubMs)} ms, ${hubRate.toFixed(0)} reports/s (${(hubMs / N).toFixed(2)} ms each)`,
  );
  console.log(
    `raw better-sqlite3 insert of the same rows: ${rawMs.toFixed(1)} ms, ${rawRate.toFixed(0)} rows/s; ` +
      `raw/hub ratio ${(rawRate / hubRate).toFixed(1)}x`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
