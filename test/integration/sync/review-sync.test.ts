import 'fake-indexeddb/auto';
// The review outcome travels back (issue "Review and compare", item 1), with the app's own adapters
// (Dexie repositories and outbox over fake-indexeddb, the fetch transport) and a REAL hub (SQLite in
// a temporary folder): an administrator's device signs a run off and pushes it; a supervisor's
// device pulls it, decides (send back, or countersign), and the decision goes to the hub in the
// same transaction that keeps it, exactly once although an answer is lost; the administrator's
// device pulls its report back: countersigned, it holds that copy; sent back, the run opens again
// and revision 2 is accepted by the hub naming revision 1 as the one it supersedes. And a decision
// on a report the hub does not hold yet (a bundle that came by mail) waits until it does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersign, sendBack, verifyReport } from '../../../core/reports';
import type { PulledReport, SyncEngineDeps, Transport } from '../../../core/sync';
import { runSyncCycle, TransportError } from '../../../core/sync';
import { openDatabase, type GoLiveDatabase } from '../../../renderer/storage/database';
import { createReportRepository } from '../../../renderer/storage/report-repository';
import { createRunRepository } from '../../../renderer/storage/run-repository';
import { createDexieOutbox } from '../../../renderer/sync/dexie-outbox';
import {
  createReportBundleSource,
  createReportInbox,
  createTrustStore,
} from '../../../renderer/sync/dexie-stores';
import { createFetchTransport } from '../../../renderer/sync/fetch-transport';
import type { Person, TestHub } from '../hub/hub-harness';
import { sqliteFactory, startTestHub } from '../hub/hub-harness';
import { ana, tinyDefinitionRow, uniqueName } from '../../unit/renderer/storage-fixtures';

let hub: TestHub;
let admin: Person;
let supervisor: Person;

beforeAll(async () => {
  hub = await startTestHub(sqliteFactory());
  admin = await hub.enroll('review-admin', 'Ana Admin', 'admin', 'Berlin');
  supervisor = await hub.enroll('review-supervisor', 'Sam Supervisor', 'supervisor', undefined, [
    'Berlin',
  ]);
});
afterAll(async () => hub.close());

interface Device {
  db: GoLiveDatabase;
  person: Person;
  runs: ReturnType<typeof createRunRepository>;
  reports: ReturnType<typeof createReportRepository>;
  sync(extra?: Partial<SyncEngineDeps>): ReturnType<typeof runSyncCycle>;
}

async function device(person: Person): Promise<Device> {
  const db = openDatabase(uniqueName());
  await db.open();
  await db.definitions.put(tinyDefinitionRow());
  const runs = createRunRepository(db);
  const reports = createReportRepository(db, runs);
  // What the app's keepReport does with a pulled report's signed JSON (evidence aside).
  const keep = async (report: PulledReport) => {
    await reports.storeImported(report.signed, report.reportHash, 'hub');
  };
  return {
    db,
    person,
    runs,
    reports,
    sync: (extra = {}) =>
      runSyncCycle({
        transport: createFetchTransport({ baseUrl: hub.url, token: person.token }),
        outbox: createDexieOutbox(db),
        reports: createReportBundleSource(db),
        role: person.user.role,
        trust: createTrustStore(db),
        inbox: createReportInbox(db, keep),
        clock: () => new Date(),
        random: () => 0,
        ...extra,
      }),
  };
}

/** A run of the tiny template with its blocking items done (the gate says GO). */
async function readyRun(laptop: Device, name: string) {
  const run = await laptop.runs.create(
    {
      definitionKey: 'tiny-office@1.0.0',
      name,
      parameters: { seats: 10 },
      plannedGoLive: '2025-06-02',
    },
    ana,
  );
  for (const itemId of ['core-switches', 'isp-lines']) {
    const result = await laptop.runs.apply(
      run.id,
      { type: 'setStatus', itemId, status: 'done' },
      ana,
    );
    if (!result.ok) throw new Error(result.error.message);
  }
  return run;
}

function signOff(laptop: Device, runId: string, lessonsLearned = 'None.') {
  return laptop.reports.signOff({ runId, office: 'Berlin', lessonsLearned, signer: admin.signer });
}

async function hubReport(reportId: string, revision: number) {
  return (await hub.store.listReports('all')).find(
    (meta) => meta.reportId === reportId && meta.revision === revision,
  );
}

/** The supervisor's device pulls and decides on the report as it holds it (as the Review screen). */
async function decide(
  reviewer: Device,
  reportId: string,
  decision: { kind: 'countersign' } | { kind: 'send-back'; comment: string },
) {
  const row = await reviewer.reports.get(reportId, 1);
  if (!row) throw new Error(`the supervisor's device does not hold ${reportId}`);
  const trust = await createTrustStore(reviewer.db).read();
  const checked = verifyReport(JSON.parse(row.json), trust);
  expect(checked).toMatchObject({ valid: true, status: 'signed-off' });
  const now = new Date().toISOString();
  const next =
    decision.kind === 'countersign'
      ? await countersign(supervisor.signer, row.signed, now)
      : await sendBack(supervisor.signer, row.signed, now, decision.comment);
  return reviewer.reports.addSupervisorSignature(next, row.reportHash);
}

describe('the review outcome syncs back to the administrator', () => {
  it('send back: the decision reaches the hub once, the run reopens, revision 2 supersedes 1', async () => {
    const laptop = await device(admin);
    const reviewer = await device(supervisor);
    const run = await readyRun(laptop, 'Berlin office');
    const first = await signOff(laptop, run.id);
    expect((await laptop.sync()).pushed.sent).toBe(1);

    // The supervisor's device pulls it: awaiting review.
    const pulled = await reviewer.sync();
    expect(pulled.pulled.reports).toContain(`${run.id}@1`);
    expect((await reviewer.reports.get(run.id, 1))?.source).toBe('hub');

    // Send back: kept and queued together.
    const comment = 'The failover test is missing: test it and sign off again.';
    await decide(reviewer, run.id, { kind: 'send-back', comment });
    const queued = await reviewer.db.outbox.toArray();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'signature', key: `${run.id}@1#1`, state: 'pending' });
    expect((await reviewer.reports.get(run.id, 1))?.signed.signatures).toHaveLength(2);

    // The hub appends it, but the answer is lost: the retry's replay receipt confirms it.
    const real = createFetchTransport({ baseUrl: hub.url, token: supervisor.token });
    const losing: Transport = async (request) => {
      const answer = await real(request);
      if (request.path.endsWith('/signatures'))
        throw new TransportError('network', 'connection reset');
      return answer;
    };
    const lost = await reviewer.sync({ transport: losing });
    expect(lost.pushed.retrying).toBe(1);
    expect((await hubReport(run.id, 1))?.reviewState).toBe('sent-back');
    const retried = await reviewer.sync({ clock: () => new Date(Date.now() + 60_000) });
    expect(retried.pushed).toMatchObject({ sent: 1, replayed: 1 });
    const [sent] = await reviewer.db.outbox.toArray();
    expect(sent?.state).toBe('sent');
    expect(JSON.parse(sent?.receipt ?? '{}')).toMatchObject({
      index: 1,
      reviewState: 'sent-back',
      replay: true,
    });
    expect(await hub.store.signatures(run.id, 1)).toHaveLength(2);

    // The administrator's device pulls its report back: the run is open again.
    expect((await laptop.runs.load(run.id))?.run.state).toBe('signed');
    const back = await laptop.sync();
    expect(back.pulled.reports).toEqual([`${run.id}@1`]);
    const held = await laptop.reports.get(run.id, 1);
    expect(held).toMatchObject({ source: 'local', runId: run.id });
    expect(held?.signed.signatures.map((s) => s.statement.purpose)).toEqual([
      'sign-off',
      'send-back',
    ]);
    expect(held?.signed.signatures[1]?.statement.comment).toBe(comment);
    expect((await laptop.runs.load(run.id))?.run.state).toBe('in-progress');
    // Pulling again changes nothing.
    expect((await laptop.sync()).pulled.reports).toEqual([]);

    // The fix, revision 2, and the hub takes it as the successor of revision 1.
    const fixed = await laptop.runs.apply(
      run.id,
      { type: 'setNotes', itemId: 'isp-lines', notes: 'Failover tested: 4 s switch-over.' },
      ana,
    );
    expect(fixed.ok).toBe(true);
    const second = await signOff(laptop, run.id, 'Test failover before signing off.');
    expect(second).toMatchObject({ revision: 2 });
    expect(second.signed.body.supersedes).toBe(first.reportHash);
    const pushed = await laptop.sync();
    expect(pushed.pushed).toMatchObject({ sent: 1, failed: 0 });
    expect(await hubReport(run.id, 2)).toMatchObject({
      reportHash: second.reportHash,
      reviewState: 'signed',
    });
    const stored = await hub.store.getReport(run.id, 2);
    expect(stored?.meta.reportHash).toBe(second.reportHash);

    // And the supervisor's device gets revision 2 to review.
    expect((await reviewer.sync()).pulled.reports).toEqual([`${run.id}@2`]);
    laptop.db.close();
    reviewer.db.close();
  });

  it('countersign: the administrator holds the countersigned copy and the run stays signed', async () => {
    const laptop = await device(admin);
    const reviewer = await device(supervisor);
    const run = await readyRun(laptop, 'Hamburg office');
    const signed = await signOff(laptop, run.id);
    await laptop.sync();
    await reviewer.sync();
    await decide(reviewer, run.id, { kind: 'countersign' });
    const pushed = await reviewer.sync();
    expect(pushed.pushed).toMatchObject({ sent: 1, replayed: 0 });
    expect((await hubReport(run.id, 1))?.reviewState).toBe('countersigned');

    const back = await laptop.sync();
    expect(back.pulled.reports).toEqual([`${run.id}@1`]);
    const held = await laptop.reports.get(run.id, 1);
    expect(held?.reportHash).toBe(signed.reportHash);
    expect(held?.signed.signatures.map((s) => s.statement.purpose)).toEqual([
      'sign-off',
      'countersign',
    ]);
    expect(held?.signed.signatures[1]?.statement.signer.name).toBe('Sam Supervisor');
    expect((await laptop.runs.load(run.id))?.run.state).toBe('signed');
    // The report's own entry stays as it was: its push is the sign-off's bytes, already receipted.
    const entries = await laptop.db.outbox.where('kind').equals('report').toArray();
    expect(entries.filter((e) => e.key === `${run.id}@1`).map((e) => e.state)).toEqual(['sent']);
    laptop.db.close();
    reviewer.db.close();
  });

  it('a decision on a report the hub does not hold yet waits for it, then goes', async () => {
    const laptop = await device(admin);
    const reviewer = await device(supervisor);
    const run = await readyRun(laptop, 'Munich office');
    const signed = await signOff(laptop, run.id);
    // The bundle came by mail: the supervisor imports it before the administrator's device syncs.
    await reviewer.reports.storeImported(signed.signed, signed.reportHash, 'imported');
    await reviewer.sync(); // the trust list comes down
    await decide(reviewer, run.id, { kind: 'countersign' });
    const early = await reviewer.sync();
    expect(early.pushed).toMatchObject({ retrying: 1, failed: 0 });
    const [waiting] = await reviewer.db.outbox.toArray();
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting?.lastError).toMatch(/has no revision 1/);

    await laptop.sync();
    const later = await reviewer.sync({ clock: () => new Date(Date.now() + 60_000) });
    expect(later.pushed).toMatchObject({ sent: 1 });
    expect((await hubReport(run.id, 1))?.reviewState).toBe('countersigned');
    laptop.db.close();
    reviewer.db.close();
  });

  it('refuses to keep a decision made on a copy that changed meanwhile', async () => {
    const laptop = await device(admin);
    const reviewer = await device(supervisor);
    const run = await readyRun(laptop, 'Bonn office');
    const signed = await signOff(laptop, run.id);
    await reviewer.reports.storeImported(signed.signed, signed.reportHash, 'imported');
    const row = await reviewer.reports.get(run.id, 1);
    if (!row) throw new Error('not imported');
    const now = new Date().toISOString();
    const stale = await sendBack(supervisor.signer, row.signed, now, 'Missing photos.');
    await reviewer.reports.addSupervisorSignature(
      await countersign(supervisor.signer, row.signed, now),
      row.reportHash,
    );
    await expect(reviewer.reports.addSupervisorSignature(stale, row.reportHash)).rejects.toThrow(
      /changed while you were deciding/,
    );
    const kept = await reviewer.reports.get(run.id, 1);
    expect(kept?.signed.signatures.map((s) => s.statement.purpose)).toEqual([
      'sign-off',
      'countersign',
    ]);
    expect(await reviewer.db.outbox.count()).toBe(1);
    laptop.db.close();
    reviewer.db.close();
  });
});
