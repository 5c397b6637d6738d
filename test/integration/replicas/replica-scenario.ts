// One run of the replica fault test: two administrators' devices (two offices: signed reports,
// second revisions, progress snapshots) and a supervisor's device (countersigns) sync with the
// app's own sync engine through two fault proxies, one in front of each hub instance, switching
// instance on every request (switching-transport.ts). While the network is bad the devices sync
// for a while; then it returns and they drain. Then everything is compared: the devices'
// outboxes, what the database holds, the 201s the proxies saw, the "stored" ingest counts both
// instances' metrics report, and every notification the change caused, as the webhook received it.
import { countersign } from '../../../core/reports/index';
import type { SignedReport } from '../../../core/reports/index';
import type { LocalReportBundle, SyncConfig } from '../../../core/sync/index';
import { runSyncCycle, signatureOutboxKey } from '../../../core/sync/index';
import { canonicalJson } from '../../../core/runs/canonical';
import type { MemoryOutbox } from '../../unit/core/sync/fakes';
import { createMemoryOutbox, seededRandom } from '../../unit/core/sync/fakes';
import type { WebhookReceiver } from '../hub/notifications/webhook-receiver';
import { ALL_CAUSES } from '../hub/notifications/notify-harness';
import { snapshot } from '../hub/people';
import type { Sample } from '../hub/prometheus-text';
import { sampleSum } from '../hub/prometheus-text';
import { signedBundle } from '../hub/report-fixtures';
import type { Fault, FaultProxy } from '../sync/fault-proxy';
import { startFaultProxy } from '../sync/fault-proxy';
import type { Enrolled, ReplicaHubs } from './replica-hubs';
import type { SwitchingTransport } from './switching-transport';
import { createSwitchingTransport } from './switching-transport';

const REPORTS_PER_ADMIN = 10;
const SECOND_REVISIONS = 3;
/** Reports of each administrator the supervisor countersigns (revision 1, never revised). */
const COUNTERSIGNED = 4;
const RUNS_PER_ADMIN = 2;
const SNAPSHOTS_PER_RUN = 2;
const CLIENT_TIMEOUT_MS = 250;
const FAULTY_PHASE_MS = 2_500;
const DRAIN_DEADLINE_MS = 25_000;
const NOTIFY_DEADLINE_MS = 30_000;
const REVIEWED_AT = '2025-06-02T09:00:00.000Z';

const CONFIG: Partial<SyncConfig> = {
  backoff: { baseMs: 10, capMs: 200, maxRetryAfterMs: 1_000 },
  probeTimeoutMs: CLIENT_TIMEOUT_MS,
  requestTimeoutMs: CLIENT_TIMEOUT_MS,
  bundleMsPerMegabyte: 0,
  maxConsecutiveUnanswered: 3,
};

export interface ScenarioSpec {
  /** Short and unique: it prefixes offices and report ids. */
  tag: string;
  label: string;
  rate: number;
  faults?: readonly Fault[];
  seed: number;
}

export interface ScenarioRow {
  label: string;
  requests: number;
  switches: number;
  splits: number;
  faults: number;
  kinds: string;
  expected: { reports: number; signatures: number; snapshots: number };
  /** Items not on the hub, or not confirmed to their device. */
  lost: number;
  /** Items stored (or receipted 201) more than once. */
  duplicated: number;
  mismatches: number;
  notifications: { written: number; received: number; lost: number; duplicated: number };
  /** Stored answers (201) per instance, from each instance's metrics. */
  storedPerInstance: number[];
  drainMs: number;
  stuck: string[];
}

interface Device {
  label: string;
  role: 'admin' | 'supervisor';
  enrolled: Enrolled;
  outbox: MemoryOutbox;
  bundles: Map<string, LocalReportBundle>;
  link: SwitchingTransport;
  random: () => number;
}

const isDrained = (device: Device) => device.outbox.all().every((entry) => entry.state === 'sent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drive(device: Device, deadline: number): Promise<void> {
  while (!isDrained(device) && Date.now() < deadline) {
    await runSyncCycle({
      transport: device.link.transport,
      outbox: device.outbox,
      reports: {
        bundle: async (reportId, revision) => device.bundles.get(`${reportId}@${revision}`),
      },
      role: device.role,
      clock: () => new Date(),
      random: device.random,
      config: CONFIG,
    });
    const waits = device.outbox
      .all()
      .filter((entry) => entry.state === 'pending' && entry.nextAttemptAt !== undefined)
      .map((entry) => Date.parse(entry.nextAttemptAt as string) - Date.now());
    await sleep(Math.min(Math.max(waits.length > 0 ? Math.min(...waits) : 0, 5), 250));
  }
}

function device(
  label: string,
  role: Device['role'],
  enrolled: Enrolled,
  proxies: FaultProxy[],
  spec: ScenarioSpec,
  seed: number,
): Device {
  const random = seededRandom(seed);
  return {
    label,
    role,
    enrolled,
    outbox: createMemoryOutbox(),
    bundles: new Map(),
    random,
    link: createSwitchingTransport({
      urls: proxies.map((proxy) => proxy.url),
      token: enrolled.token,
      random: seededRandom(seed + 7),
      // Besides the proxies' faults, a share of requests races across both processes at once.
      splitRate: spec.rate / 4,
    }),
  };
}

/** Queues an administrator's reports and snapshots; returns the signed revisions 1 to countersign. */
async function fillAdmin(admin: Device, office: string, tag: string): Promise<SignedReport[]> {
  const toCountersign: SignedReport[] = [];
  for (let i = 0; i < REPORTS_PER_ADMIN; i++) {
    const reportId = `${tag}-${admin.label}-report-${String(i).padStart(2, '0')}`;
    const name = admin.enrolled.user.name;
    const first = await signedBundle(admin.enrolled.signer, { reportId, office, adminName: name });
    admin.bundles.set(`${reportId}@1`, { bytes: first.bytes, reportHash: first.reportHash });
    admin.outbox.add({ kind: 'report', key: `${reportId}@1` });
    if (i < SECOND_REVISIONS) {
      const second = await signedBundle(admin.enrolled.signer, {
        reportId,
        office,
        adminName: name,
        revision: 2,
        supersedes: first.reportHash,
        lessonsLearned: 'Sent back: the failover test was missing. Done now.',
      });
      admin.bundles.set(`${reportId}@2`, { bytes: second.bytes, reportHash: second.reportHash });
      admin.outbox.add({ kind: 'report', key: `${reportId}@2` });
    } else if (i < SECOND_REVISIONS + COUNTERSIGNED) {
      toCountersign.push(first.signed);
    }
  }
  for (let run = 0; run < RUNS_PER_ADMIN; run++) {
    const runId = `${tag}-${admin.label}-run-${run}`;
    for (let n = 0; n < SNAPSHOTS_PER_RUN; n++) {
      const takenAt = new Date(Date.parse('2025-06-01T12:00:00.000Z') + n * 300_000).toISOString();
      admin.outbox.add({
        kind: 'progress',
        key: runId,
        payload: JSON.stringify(snapshot(runId, office, takenAt, 10 + n)),
      });
    }
  }
  return toCountersign;
}

function storedCounts(samples: Sample[]): Record<'report' | 'signature' | 'progress', number> {
  const stored = (kind: string) =>
    sampleSum(samples, 'hub_ingest_duration_seconds_count', { kind, outcome: 'stored' });
  return { report: stored('report'), signature: stored('signature'), progress: stored('progress') };
}

async function notificationsSettled(hubs: ReplicaHubs): Promise<void> {
  const deadline = Date.now() + NOTIFY_DEADLINE_MS;
  while (Date.now() < deadline) {
    const counts = await hubs.store.notifications.notificationCounts();
    if (counts.pending === 0 && counts.sending === 0) return;
    await sleep(200);
  }
}

export async function runScenario(
  hubs: ReplicaHubs,
  hooks: WebhookReceiver,
  spec: ScenarioSpec,
): Promise<ScenarioRow> {
  const { tag } = spec;
  const proxies = await Promise.all(
    hubs.urls.map((target, index) =>
      startFaultProxy({
        target,
        random: seededRandom(spec.seed + 100 * (index + 1)),
        clientTimeoutMs: CLIENT_TIMEOUT_MS,
        retryAfterSeconds: 1,
        ...(spec.faults === undefined ? {} : { faults: spec.faults }),
      }),
    ),
  );
  try {
    const offices = { a: `${tag} Berlin`, b: `${tag} Madrid` };
    // Each person enrolls on one instance and syncs through both.
    const adminA = device(
      'ana',
      'admin',
      await hubs.enroll(0, `${tag}-ana`, { name: 'Ana Admin', role: 'admin', office: offices.a }),
      proxies,
      spec,
      spec.seed + 1,
    );
    const adminB = device(
      'bea',
      'admin',
      await hubs.enroll(1, `${tag}-bea`, { name: 'Bea Admin', role: 'admin', office: offices.b }),
      proxies,
      spec,
      spec.seed + 2,
    );
    const supervisor = device(
      'sam',
      'supervisor',
      await hubs.enroll(spec.seed % 2, `${tag}-sam`, {
        name: 'Sam Supervisor',
        role: 'supervisor',
        supervises: [offices.a, offices.b],
      }),
      proxies,
      spec,
      spec.seed + 3,
    );
    await hubs.store.notifications.setNotificationPreferences(
      supervisor.enrolled.user.userId,
      {
        language: 'en',
        causes: ALL_CAUSES,
        email: null,
        webhooks: [{ format: 'generic', url: hooks.url(`/${tag}`) }],
      },
      new Date().toISOString(),
    );
    const reviews = [
      ...(await fillAdmin(adminA, offices.a, tag)),
      ...(await fillAdmin(adminB, offices.b, tag)),
    ];
    const signaturePayloads = new Map<string, string>();
    for (const signed of reviews) {
      const reviewed = await countersign(
        supervisor.enrolled.signer,
        signed,
        REVIEWED_AT,
        'Looks good.',
      );
      const key = signatureOutboxKey(signed.body.reportId, 1, 1);
      const payload = canonicalJson(reviewed.signatures[1]);
      signaturePayloads.set(key, payload);
      supervisor.outbox.add({ kind: 'signature', key, payload });
    }
    const devices = [adminA, adminB, supervisor];
    const expected = {
      reports: adminA.bundles.size + adminB.bundles.size,
      signatures: signaturePayloads.size,
      snapshots: 2 * RUNS_PER_ADMIN * SNAPSHOTS_PER_RUN,
    };

    const before = await Promise.all(hubs.urls.map((_url, index) => hubs.scrape(index)));
    const started = Date.now();
    for (const proxy of proxies) proxy.rate = spec.rate;
    await Promise.all(devices.map((one) => drive(one, started + FAULTY_PHASE_MS)));
    for (const proxy of proxies) proxy.rate = 0; // the network returns
    await Promise.all(devices.map((one) => drive(one, started + DRAIN_DEADLINE_MS)));
    const drainMs = Date.now() - started;
    await Promise.all(proxies.map((proxy) => proxy.settle()));
    await notificationsSettled(hubs);
    const after = await Promise.all(hubs.urls.map((_url, index) => hubs.scrape(index)));

    let lost = 0;
    let duplicated = 0;
    let mismatches = 0;
    // Reports: one row per revision, the device's hash, confirmed to the device, one 201 in all.
    const stored = (await hubs.store.listReports('all')).filter(
      (meta) => meta.office === offices.a || meta.office === offices.b,
    );
    const rowsByKey = new Map<string, typeof stored>();
    for (const meta of stored) {
      const key = `${meta.reportId}@${meta.revision}`;
      rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), meta]);
    }
    for (const admin of [adminA, adminB]) {
      const entries = new Map(admin.outbox.all().map((entry) => [entry.key, entry]));
      for (const [key, local] of admin.bundles) {
        const rows = rowsByKey.get(key) ?? [];
        if (rows.length === 0 || entries.get(key)?.state !== 'sent') lost += 1;
        if (rows.length > 1) duplicated += rows.length - 1;
        const created = proxies.reduce((sum, proxy) => sum + (proxy.created.get(key) ?? 0), 0);
        if (created > 1) duplicated += created - 1;
        if (rows[0] && rows[0].reportHash !== local.reportHash) mismatches += 1;
      }
    }
    duplicated += stored.filter(
      (meta) =>
        !adminA.bundles.has(`${meta.reportId}@${meta.revision}`) &&
        !adminB.bundles.has(`${meta.reportId}@${meta.revision}`),
    ).length;
    // Signatures: the sign-off and exactly one countersign, byte for byte the device's.
    const supervisorEntries = new Map(supervisor.outbox.all().map((entry) => [entry.key, entry]));
    for (const [key, payload] of signaturePayloads) {
      const reportId = key.slice(0, key.indexOf('@'));
      const signatures = await hubs.store.signatures(reportId, 1);
      const reviews = signatures.filter((signature) => signature.purpose === 'countersign');
      if (reviews.length === 0 || supervisorEntries.get(key)?.state !== 'sent') lost += 1;
      if (reviews.length > 1) duplicated += reviews.length - 1;
      if (reviews[0] && reviews[0].signatureJson !== payload) mismatches += 1;
    }
    // Snapshots: each (run, takenAt) held once.
    for (const admin of [adminA, adminB]) {
      for (const entry of admin.outbox.all().filter((one) => one.kind === 'progress')) {
        const sent = JSON.parse(entry.payload ?? '{}') as { takenAt: string };
        const held = (await hubs.store.listProgress('all', entry.key)).filter(
          (record) => record.takenAt === sent.takenAt,
        );
        if (held.length === 0 || entry.state !== 'sent') lost += 1;
        if (held.length > 1) duplicated += held.length - 1;
      }
    }
    // Each instance's "stored" answers, summed: exactly one 201 per item, whichever instance.
    const storedPerInstance = after.map((samples, index) => {
      const now = storedCounts(samples);
      const then = storedCounts(before[index] ?? []);
      return (
        now.report - then.report + now.signature - then.signature + now.progress - then.progress
      );
    });
    const stored201 = storedPerInstance.reduce((sum, count) => sum + count, 0);
    const items = expected.reports + expected.signatures + expected.snapshots;
    if (stored201 > items) duplicated += stored201 - items;

    // Notifications: every row written for the supervisor is sent, and received exactly once.
    const rows = (await hubs.store.notifications.listNotifications({ limit: 100_000 })).filter(
      (row) => row.userId === supervisor.enrolled.user.userId,
    );
    const keys = hooks.received
      .filter((hook) => hook.path === `/${tag}`)
      .map((hook) => String(hook.headers['idempotency-key']));
    const received = new Map<string, number>();
    for (const key of keys) received.set(key, (received.get(key) ?? 0) + 1);
    const notifications = {
      written: rows.length,
      received: keys.length,
      lost: rows.filter((row) => row.state !== 'sent' || !received.has(row.id)).length,
      duplicated:
        [...received.values()].reduce((sum, count) => sum + count - 1, 0) +
        [...received.keys()].filter((key) => !rows.some((row) => row.id === key)).length,
    };

    const stats = devices.map((one) => one.link.stats);
    return {
      label: spec.label,
      requests: proxies.reduce((sum, proxy) => sum + proxy.forwarded, 0),
      switches: stats.reduce((sum, one) => sum + one.switches, 0),
      splits: stats.reduce((sum, one) => sum + one.splits, 0),
      faults: proxies.reduce(
        (sum, proxy) => sum + [...proxy.injected.values()].reduce((a, b) => a + b, 0),
        0,
      ),
      kinds: summariseFaults(proxies),
      expected,
      lost,
      duplicated,
      mismatches,
      notifications,
      storedPerInstance,
      drainMs,
      stuck: devices.flatMap((one) =>
        one.outbox
          .all()
          .filter((entry) => entry.state !== 'sent')
          .map(
            (entry) =>
              `${one.label} ${entry.key} ${entry.state} after ${entry.attempts}: ${entry.lastError ?? ''}`,
          ),
      ),
    };
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
}

function summariseFaults(proxies: FaultProxy[]): string {
  const total = new Map<string, number>();
  for (const proxy of proxies) {
    for (const [kind, count] of proxy.injected) total.set(kind, (total.get(kind) ?? 0) + count);
  }
  return [...total].map(([kind, count]) => `${kind} ${count}`).join(', ');
}
