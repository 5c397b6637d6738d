import 'fake-indexeddb/auto';
// The app's sync adapters (renderer/sync: the Dexie outbox and stores, the fetch transport) with the
// engine against a real hub: a run signed off in IndexedDB reaches the hub once, evidence included,
// although the first answer is lost and the app restarts in between; progress snapshots are
// coalesced; definitions and the trust list come down; a supervisor's device pulls the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBundle } from '../../../core/reports';
import type { PulledReport, SyncEngineDeps, Transport } from '../../../core/sync';
import { runSyncCycle, TransportError } from '../../../core/sync';
import { openDatabase, type GoLiveDatabase } from '../../../renderer/storage/database';
import { createReportRepository } from '../../../renderer/storage/report-repository';
import { createRunRepository } from '../../../renderer/storage/run-repository';
import {
  createDexieOutbox,
  nextDueAt,
  retryOutboxEntry,
} from '../../../renderer/sync/dexie-outbox';
import {
  createDefinitionSink,
  createReportBundleSource,
  createReportInbox,
  createTrustStore,
} from '../../../renderer/sync/dexie-stores';
import { createFetchTransport } from '../../../renderer/sync/fetch-transport';
import { queueChangedSnapshots } from '../../../renderer/sync/progress-snapshots';
import { publishDefinition } from '../../../hub/publish-definition';
import type { Person, TestHub } from '../hub/hub-harness';
import { sqliteFactory, startTestHub } from '../hub/hub-harness';
import {
  ana,
  tinyDefinitionRow,
  TINY_YAML,
  uniqueName,
} from '../../unit/renderer/storage-fixtures';

let hub: TestHub;
let admin: Person;
let supervisor: Person;

beforeAll(async () => {
  hub = await startTestHub(sqliteFactory());
  admin = await hub.enroll('dexie-admin', 'Ana Admin', 'admin', 'Berlin');
  supervisor = await hub.enroll('dexie-supervisor', 'Sam Supervisor', 'supervisor', undefined, [
    'Berlin',
  ]);
});
afterAll(async () => hub.close());

async function device(name = uniqueName()): Promise<GoLiveDatabase> {
  const db = openDatabase(name);
  await db.open();
  await db.definitions.put(tinyDefinitionRow());
  return db;
}

async function startRun(db: GoLiveDatabase, name: string) {
  const runs = createRunRepository(db);
  const run = await runs.create(
    {
      definitionKey: 'tiny-office@1.0.0',
      name,
      parameters: { seats: 10 },
      plannedGoLive: '2025-06-02',
    },
    ana,
  );
  return { runs, run };
}

async function signedOffRun(db: GoLiveDatabase, name: string) {
  const { runs, run } = await startRun(db, name);
  for (const itemId of ['core-switches', 'isp-lines']) {
    const result = await runs.apply(run.id, { type: 'setStatus', itemId, status: 'done' }, ana);
    if (!result.ok) throw new Error(result.error.message);
  }
  const evidence = new Blob(['Download 940 Mbit/s\n'], { type: 'text/plain' });
  const attached = await runs.attach(
    run.id,
    'speed-test',
    { name: 'speed.txt', type: 'text/plain', blob: evidence },
    ana,
  );
  if (!attached.ok) throw new Error(attached.error.message);
  const reports = createReportRepository(db, runs);
  return reports.signOff({
    runId: run.id,
    office: 'Berlin',
    lessonsLearned: 'None.',
    signer: admin.signer,
  });
}

function engine(db: GoLiveDatabase, person: Person, extra: Partial<SyncEngineDeps> = {}) {
  return runSyncCycle({
    transport: createFetchTransport({ baseUrl: hub.url, token: person.token }),
    outbox: createDexieOutbox(db),
    reports: createReportBundleSource(db),
    role: person.user.role,
    trust: createTrustStore(db),
    definitions: createDefinitionSink(db),
    clock: () => new Date(),
    random: () => 0,
    ...extra,
  });
}

describe('sync over IndexedDB to a real hub', () => {
  it('delivers a signed-off report once, with its evidence, across a lost answer and a restart', async () => {
    const name = uniqueName();
    const db = await device(name);
    const row = await signedOffRun(db, 'Berlin office');
    expect(await db.outbox.where('state').equals('pending').count()).toBe(1);

    // The hub stores it, the answer never arrives.
    const real = createFetchTransport({ baseUrl: hub.url, token: admin.token });
    const losing: Transport = async (request) => {
      const answer = await real(request);
      if (request.path === '/v1/reports') throw new TransportError('network', 'connection reset');
      return answer;
    };
    const first = await engine(db, admin, { transport: losing });
    expect(first.pushed.retrying).toBe(1);
    expect(await nextDueAt(db)).toBeDefined();
    db.close();

    // The app restarts: a new database connection, a new engine.
    const reopened = openDatabase(name);
    await reopened.open();
    const second = await engine(reopened, admin);
    expect(second.outcome).toBe('ok');
    expect(second.pushed).toMatchObject({ sent: 1, replayed: 1 });
    const [entry] = await reopened.outbox.toArray();
    expect(entry?.state).toBe('sent');
    expect(JSON.parse(entry?.receipt ?? '{}')).toMatchObject({
      reportId: row.reportId,
      revision: 1,
      reportHash: row.reportHash,
    });

    const stored = (await hub.store.listReports('all')).filter(
      (meta) => meta.reportId === row.reportId,
    );
    expect(stored.map((meta) => meta.reportHash)).toEqual([row.reportHash]);
    const bundle = await hub.store.getReport(row.reportId, 1);
    const decoded = decodeBundle(bundle?.bundle ?? new Uint8Array());
    expect(decoded.ok && decoded.attachments.size).toBe(1);

    // The trust list came down with it.
    expect((await reopened.trustedKeys.toArray()).map((key) => key.publicKey)).toContain(
      admin.publicKey,
    );
    reopened.close();
  });

  it('a failed entry waits for a person; Retry puts it back in the queue', async () => {
    const db = await device();
    await signedOffRun(db, 'Hamburg office');
    // The hub refuses it for good (here: a supervisor's token may not push reports: 403).
    const refused = await engine(db, supervisor);
    expect(refused.pushed.failed).toBe(1);
    const [failed] = await db.outbox.toArray();
    expect(failed?.state).toBe('failed');
    expect(failed?.lastError).toMatch(/administrators/);
    expect((await engine(db, admin)).pushed.sent).toBe(0);
    await retryOutboxEntry(db, failed?.seq ?? -1);
    expect((await engine(db, admin)).pushed.sent).toBe(1);
    db.close();
  });

  it('queues one progress snapshot per changed run, only the newest waits, and the hub gets it', async () => {
    const db = await device();
    const { runs, run } = await startRun(db, 'Madrid office');
    const options = {
      office: 'Berlin',
      now: new Date('2026-01-01T10:00:00.000Z'),
      today: '2026-01-01',
    };
    expect(await queueChangedSnapshots(db, options)).toEqual([run.id]);
    expect(
      await queueChangedSnapshots(db, { ...options, now: new Date('2026-01-01T10:01:00.000Z') }),
    ).toEqual([]);
    await runs.apply(
      run.id,
      { type: 'setStatus', itemId: 'isp-lines', status: 'blocked', reason: 'Second line late' },
      ana,
    );
    expect(
      await queueChangedSnapshots(db, { ...options, now: new Date(Date.now() + 60_000) }),
    ).toEqual([run.id]);
    const waiting = await db.outbox.where('state').equals('pending').toArray();
    expect(waiting).toHaveLength(1);
    expect(JSON.parse((waiting[0] as { payload?: string }).payload ?? '{}')).toMatchObject({
      blocked: 1,
      decision: 'no-go',
    });
    expect((await engine(db, admin)).pushed.sent).toBe(1);
    const progress = await hub.store.listProgress('all', run.id);
    expect(progress).toHaveLength(1);
    db.close();
  });

  it('pulls a published definition as a hub definition, validated', async () => {
    const text = TINY_YAML.replace('version: 1.0.0', 'version: 1.1.0').replace(
      'Test fixture.',
      'Second version.',
    );
    const published = await publishDefinition(
      hub.store,
      text,
      'checklists/tiny-office/1.1.0.yaml',
      new Date(),
    );
    expect(published.ok).toBe(true);
    const db = await device();
    const result = await engine(db, admin);
    expect(result.pulled.definitions).toContain('tiny-office@1.1.0');
    const row = await db.definitions.get('tiny-office@1.1.0');
    expect(row).toMatchObject({ source: 'hub', text });
    expect((await engine(db, admin)).pulled.definitions).toEqual([]);
    db.close();
  });

  it("a supervisor's device pulls the reports of the offices it supervises, verified", async () => {
    const db = await device();
    const runs = createRunRepository(db);
    const reports = createReportRepository(db, runs);
    const keep = async (report: PulledReport) => {
      await reports.storeImported(report.signed, report.reportHash);
    };
    const result = await engine(db, supervisor, { inbox: createReportInbox(db, keep) });
    expect(result.problems).toEqual([]);
    expect(result.pulled.reports.length).toBeGreaterThanOrEqual(2);
    const held = await db.signedReports.toArray();
    expect(held.every((row) => row.signed.body.run.office === 'Berlin')).toBe(true);
    expect(
      (await engine(db, supervisor, { inbox: createReportInbox(db, keep) })).pulled.reports,
    ).toEqual([]);
    db.close();
  });
});
