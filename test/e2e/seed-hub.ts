// Real hubs for the e2e stories, on 127.0.0.1 with SQLite in a temporary folder.
// - The team hub (startTeamHub, and the `teamHub` fixture of the `test` exported here): an
//   administrator and the supervisor of her office, for the waiver and send-back stories.
// - The seeded hub (startSeededHub), for Compare: office administrators enrolled through the real
//   POST /v1/enroll, progress snapshots and signed report bundles pushed through the real API (each
//   by the administrator of its office), a new-office 1.3.0 published on the hub only (the bundled
//   1.2.0 plus a section no bundled version has), and a one-time code for the global head of ICT
//   to connect the app with. Snapshots and reports are built from the real definitions in
//   checklists/, so section and item ids match what the app's catalog holds.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { ChecklistDefinition, Item } from '../../core/definitions/schema';
import { validateDefinitionText } from '../../core/definitions/index';
import type { ReportBody, ReportItem, Signer } from '../../core/reports/index';
import { encodeBundle, signOff } from '../../core/reports/index';
import type { EnrollResponse, ProgressSnapshot } from '../../core/sync/wire-protocol';
import { PATHS, PROTOCOL_HEADER, WIRE_PROTOCOL_VERSION } from '../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../hub/enrollment';
import { publishDefinition } from '../../hub/publish-definition';
import { createHub } from '../../hub/server';
import type { HubStore } from '../../hub/store/hub-store';
import { openSqliteStore } from '../../hub/store/open-store';
import { signerFor } from '../integration/hub/report-fixtures';
import { test as base } from './fixtures';

const ROOT = new URL('../../', import.meta.url);

export function definitionText(id: string, version: string): string {
  return readFileSync(new URL(`checklists/${id}/${version}.yaml`, ROOT), 'utf8');
}

function parse(text: string, path: string): ChecklistDefinition {
  const result = validateDefinitionText(text, path);
  if (!result.ok) throw new Error(`${path}: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

/**
 * new-office 1.3.0: the bundled 1.2.0 plus a post-go-live review section (published on the hub
 * only, so a device learns it from sync and no bundled version has the section).
 */
export function newOffice130Text(): string {
  const bundled = definitionText('new-office', '1.2.0');
  if (!bundled.includes('\nversion: 1.2.0\n'))
    throw new Error('new-office 1.2.0 has no version line');
  return `${bundled.replace('\nversion: 1.2.0\n', '\nversion: 1.3.0\n').trimEnd()}
  - id: post-go-live-review
    title: Post go-live review
    department: local-ict
    items:
      - id: post-go-live-retrospective
        title: Retrospective held with the site team one month after go-live
        type: check
        severity: major
        estimateMinutes: 60
`;
}

/** What the head of ICT's draft of 1.4.0 in template-editor.spec.ts holds, for a laptop to receive. */
export const NEXT_VERSION_EDITS = {
  ispTitle: 'Independent internet lines delivered, handed over and tested end to end',
  ispGuidance:
    'Order the second line at least six weeks before go-live: the Madrid carrier needed five.',
  newItemId: 'second-line-ordered-early',
  newItemTitle: 'Second ISP line ordered at least six weeks before go-live',
  changelog:
    'isp-lines-delivered: order the second line six weeks ahead, because the Madrid opening waited five weeks for its carrier.',
};

/** new-office 1.4.0 as the head of ICT drafts it from 1.3.0: one item reworded, one added. */
export function newOffice140Text(): string {
  const document = parseDocument(newOffice130Text());
  document.set('version', '1.4.0');
  document.set('changelog', NEXT_VERSION_EDITS.changelog);
  const plain = document.toJS() as ChecklistDefinition;
  const sectionIndex = plain.sections.findIndex(
    (section) => section.id === 'internet-connectivity',
  );
  const items = plain.sections[sectionIndex]?.items ?? [];
  const itemIndex = items.findIndex((item) => item.id === 'isp-lines-delivered');
  if (sectionIndex < 0 || itemIndex < 0)
    throw new Error('new-office 1.3.0 lost isp-lines-delivered');
  const item = ['sections', sectionIndex, 'items', itemIndex];
  document.setIn([...item, 'title'], NEXT_VERSION_EDITS.ispTitle);
  document.setIn(
    [...item, 'guidance'],
    `${items[itemIndex]?.guidance ?? ''}\n\n${NEXT_VERSION_EDITS.ispGuidance}`,
  );
  document.addIn(['sections', sectionIndex, 'items'], {
    id: NEXT_VERSION_EDITS.newItemId,
    title: NEXT_VERSION_EDITS.newItemTitle,
    type: 'check',
    severity: 'major',
    estimateMinutes: 15,
  });
  return document.toString();
}

export interface SeededHub {
  url: string;
  store: HubStore;
  headCode: string;
  /** A one-time code for a new office administrator to connect another device with. */
  adminCode(office: string, name: string): Promise<string>;
  stop(): Promise<void>;
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function isoAt(offsetHours: number): string {
  return new Date(Date.now() + offsetHours * 3_600_000).toISOString();
}

/** Share of each section's items done: a base, with some sections always behind. */
type Shape = (sectionId: string, index: number) => number;

interface RunPlan {
  runId: string;
  office: string;
  runName: string;
  definition: ChecklistDefinition;
  plannedGoLive: string;
  shape: Shape;
  /** Item ids blocked, with the reason. */
  blocked?: Record<string, string>;
}

function statusesOf(plan: RunPlan): Map<string, ReportItem['status']> {
  const statuses = new Map<string, ReportItem['status']>();
  plan.definition.sections.forEach((section, sectionIndex) => {
    const share = Math.max(0, Math.min(1, plan.shape(section.id, sectionIndex)));
    const done = Math.round(section.items.length * share);
    section.items.forEach((item, index) => {
      const isBlocked = plan.blocked?.[item.id] !== undefined;
      statuses.set(item.id, isBlocked ? 'blocked' : index < done ? 'done' : 'open');
    });
  });
  return statuses;
}

function departmentOf(item: Item, sectionDepartment: string): string {
  return item.department ?? sectionDepartment;
}

function snapshotOf(plan: RunPlan, takenAt: string, progressScale = 1): ProgressSnapshot {
  const scaled: RunPlan = {
    ...plan,
    shape: (id, index) => plan.shape(id, index) * progressScale,
  };
  const statuses = statusesOf(scaled);
  const sections = plan.definition.sections.map((section) => {
    const items = section.items;
    const resolved = items.filter((item) => statuses.get(item.id) === 'done').length;
    const blocked = items.filter((item) => statuses.get(item.id) === 'blocked').length;
    return {
      sectionId: section.id,
      title: section.title,
      department: section.department,
      total: items.length,
      resolved,
      blocked,
      estimateMinutes: items.reduce((sum, item) => sum + (item.estimateMinutes ?? 0), 0),
      actualMinutes: 0,
    };
  });
  const blockers = plan.definition.sections.flatMap((section) =>
    section.items
      .filter((item) => statuses.get(item.id) === 'blocked')
      .map((item) => ({
        itemId: item.id,
        title: item.title,
        department: departmentOf(item, section.department),
        reason: plan.blocked?.[item.id] ?? '',
      })),
  );
  const sum = (key: 'total' | 'resolved' | 'blocked' | 'estimateMinutes') =>
    sections.reduce((total, section) => total + section[key], 0);
  return {
    runId: plan.runId,
    office: plan.office,
    runName: plan.runName,
    kind: plan.definition.kind,
    definitionId: plan.definition.id,
    definitionVersion: plan.definition.version,
    plannedGoLive: plan.plannedGoLive,
    takenAt,
    decision: 'no-go',
    total: sum('total'),
    resolved: sum('resolved'),
    blocked: sum('blocked'),
    failing: 0,
    estimateMinutes: sum('estimateMinutes'),
    actualMinutes: Math.round(sum('estimateMinutes') * 0.4 * progressScale),
    blockers,
    sections,
    items: [...statuses].map(([itemId, status]) => ({ itemId, status })),
  };
}

function reportOf(
  plan: RunPlan,
  options: {
    lessons: string;
    signedAt: string;
    adminName: string;
    parameters: ReportBody['run']['parameters'];
    values?: Record<string, number>;
  },
): ReportBody {
  const admin = { id: `usr-${plan.runId}`, name: options.adminName, role: 'admin' as const };
  const statuses = statusesOf(plan);
  const started = Date.parse(options.signedAt) - 3 * 86_400_000;
  let counted = { total: 0, done: 0, blocked: 0, open: 0, estimate: 0, actual: 0 };
  const sections = plan.definition.sections.map((section) => ({
    id: section.id,
    title: section.title,
    department: section.department,
    items: section.items.map((item, index): ReportItem => {
      const status = statuses.get(item.id) ?? 'open';
      const estimate = item.estimateMinutes ?? 0;
      // Done items took about 1.6x their estimate: "expect it to take twice as long".
      const actual = Math.round(estimate * 1.6);
      counted = {
        total: counted.total + 1,
        done: counted.done + (status === 'done' ? 1 : 0),
        blocked: counted.blocked + (status === 'blocked' ? 1 : 0),
        open: counted.open + (status === 'open' ? 1 : 0),
        estimate: counted.estimate + estimate,
        actual: counted.actual + (status === 'done' ? actual : 0),
      };
      const value = options.values?.[item.id];
      const at = started + index * 600_000;
      return {
        id: item.id,
        title: item.title,
        type: item.type,
        severity: item.severity,
        department: departmentOf(item, section.department),
        status,
        ...(value === undefined ? {} : { value: { type: 'number' as const, value } }),
        ...(item.type === 'number' && 'unit' in item && item.unit ? { unit: item.unit } : {}),
        attachments: [],
        failing: false,
        ...(status === 'done' && estimate > 0
          ? {
              startedAt: new Date(at).toISOString(),
              finishedAt: new Date(at + actual * 60_000).toISOString(),
              estimateMinutes: estimate,
            }
          : {}),
        updatedAt: new Date(at).toISOString(),
        updatedBy: admin,
      };
    }),
  }));
  return {
    format: 'go-live-report',
    formatVersion: 1,
    reportId: plan.runId,
    revision: 1,
    supersedes: null,
    run: {
      id: plan.runId,
      name: plan.runName,
      kind: plan.definition.kind,
      office: plan.office,
      parameters: options.parameters,
      plannedGoLive: plan.plannedGoLive,
      createdAt: new Date(started).toISOString(),
      createdBy: admin,
    },
    definition: {
      id: plan.definition.id,
      version: plan.definition.version,
      hash: 'ab'.repeat(32),
      title: plan.definition.title,
    },
    gate: { decision: 'go', waivers: [] },
    summary: {
      total: counted.total,
      done: counted.done,
      notApplicable: 0,
      blocked: counted.blocked,
      open: counted.open,
      failing: 0,
      percentComplete: counted.total === 0 ? 100 : Math.floor((counted.done * 100) / counted.total),
      estimateMinutes: counted.estimate,
      actualMinutes: counted.actual,
    },
    sections,
    hiddenItems: [],
    eventChain: { head: null, length: 0 },
    lessonsLearned: options.lessons,
    signedAt: options.signedAt,
  };
}

export async function startSeededHub(): Promise<SeededHub> {
  const folder = mkdtempSync(join(tmpdir(), 'golive-compare-'));
  const store = await openSqliteStore(join(folder, 'hub.sqlite'));
  const app = createHub({ store, limits: { rateLimitMax: 100_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  async function call(method: string, path: string, token: string, body: Uint8Array, type: string) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
        authorization: `Bearer ${token}`,
        'content-type': type,
      },
      body: body as Uint8Array<ArrayBuffer>,
    });
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
  }

  async function enrollAdmin(
    office: string,
    name: string,
  ): Promise<{ token: string; signer: Signer }> {
    const user = await createUser(store, { name, role: 'admin', office }, new Date());
    const { code } = await issueCode(store, user, new Date());
    const signer = signerFor(office, name, 'admin', office);
    const { publicKey } = await signer.identity();
    const response = await fetch(`${url}${PATHS.enroll}`, {
      method: 'POST',
      headers: {
        [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ code, publicKey, deviceName: `${office} laptop` }),
    });
    if (response.status !== 201) throw new Error(`enroll ${office}: ${await response.text()}`);
    const enrolled = (await response.json()) as EnrollResponse;
    return { token: enrolled.deviceToken, signer };
  }

  const pushSnapshot = (token: string, snapshot: ProgressSnapshot) =>
    call(
      'POST',
      PATHS.progress,
      token,
      new TextEncoder().encode(JSON.stringify(snapshot)),
      'application/json',
    );

  const published = await publishDefinition(
    store,
    newOffice130Text(),
    'new-office/1.3.0.yaml',
    new Date(),
  );
  if (!published.ok) throw new Error(published.problems.join('\n'));
  const office100 = parse(definitionText('new-office', '1.0.0'), 'new-office/1.0.0.yaml');
  const office110 = parse(definitionText('new-office', '1.1.0'), 'new-office/1.1.0.yaml');
  const office130 = parse(newOffice130Text(), 'new-office/1.3.0.yaml');
  const client100 = parse(
    definitionText('client-onboarding', '1.0.0'),
    'client-onboarding/1.0.0.yaml',
  );

  // Internet connectivity and monitoring lag everywhere: the heatmap's top rows.
  const lagging: (base: number) => Shape = (base) => (sectionId) =>
    sectionId === 'internet-connectivity'
      ? base - 0.35
      : sectionId === 'monitoring'
        ? base - 0.2
        : base + 0.05;

  const inProgress: (RunPlan & { adminName: string; history: number[] })[] = [
    {
      runId: 'run-berlin',
      office: 'Berlin office',
      runName: 'Berlin office opening',
      definition: office110,
      plannedGoLive: isoDay(2),
      shape: lagging(0.6),
      blocked: {
        'isp-lines-delivered': 'The second ISP line is not delivered: the carrier says next week.',
      },
      adminName: 'Ana García',
      history: [0.2, 0.45, 0.75, 1],
    },
    {
      runId: 'run-paris',
      office: 'Paris office',
      runName: 'Paris office',
      definition: office100,
      plannedGoLive: isoDay(14),
      shape: lagging(0.8),
      adminName: 'Louis Martin',
      history: [0.3, 0.6, 1],
    },
    {
      runId: 'run-warsaw',
      office: 'Warsaw office',
      runName: 'Warsaw office opening',
      definition: office130,
      plannedGoLive: isoDay(5),
      shape: lagging(0.45),
      adminName: 'Zofia Nowak',
      history: [0.4, 1],
    },
    {
      runId: 'run-nordwind',
      office: 'Dublin delivery centre',
      runName: 'Nordwind Logistics onboarding',
      definition: client100,
      plannedGoLive: isoDay(3),
      shape: (sectionId) => (sectionId === 'databases' ? 0.2 : 0.55),
      blocked: {
        'db-failover-test': 'The DBA team waits for the storage LUNs from virtualization.',
      },
      adminName: 'Siobhán Byrne',
      history: [0.25, 0.7, 1],
    },
  ];
  for (const plan of inProgress) {
    const { token } = await enrollAdmin(plan.office, plan.adminName);
    const count = plan.history.length;
    for (const [index, scale] of plan.history.entries()) {
      await pushSnapshot(token, snapshotOf(plan, isoAt(-24 * (count - 1 - index) * 2 - 1), scale));
    }
  }

  const signed: (RunPlan & {
    adminName: string;
    lessons: string;
    parameters: ReportBody['run']['parameters'];
    values?: Record<string, number>;
  })[] = [
    {
      runId: 'run-madrid',
      office: 'Madrid office',
      runName: 'Madrid office opening',
      definition: office110,
      plannedGoLive: isoDay(-6),
      shape: () => 1,
      adminName: 'Lucía Pérez',
      parameters: { seats: 80, country: 'ES' },
      lessons:
        '- isp-lines-delivered: order the second line six weeks ahead, the carrier needed five.\n- Label both UPS feeds before the electricians leave.',
    },
    {
      runId: 'run-lisbon',
      office: 'Lisbon office',
      runName: 'Lisbon office opening',
      definition: office100,
      plannedGoLive: isoDay(-30),
      shape: () => 1,
      adminName: 'João Silva',
      parameters: { seats: 60, country: 'PT' },
      lessons:
        'Monitoring alerts went to a mailbox nobody read in week one.\n\nsite-access-badges: the server room badge arrived a day late.',
    },
    {
      runId: 'run-acme',
      office: 'Zurich delivery centre',
      runName: 'Acme Bank onboarding',
      definition: client100,
      plannedGoLive: isoDay(-10),
      shape: () => 1,
      adminName: 'Lukas Meier',
      parameters: {},
      lessons: 'P1 resolution was over target in hypercare: add a second on-call DBA.',
      values: {
        'sla-p1-response-target': 15,
        'sla-p1-resolution-target': 4,
        'sla-p2-response-target': 30,
        'sla-p2-resolution-target': 8,
        'sla-p1-response-measured': 12,
        'sla-p1-resolution-measured': 6,
        'sla-p2-response-measured': 25,
        'sla-p2-resolution-measured': 7,
      },
    },
  ];
  for (const plan of signed) {
    const { token, signer } = await enrollAdmin(plan.office, plan.adminName);
    const signedAt = `${isoDay(-2)}T16:00:00.000Z`;
    await pushSnapshot(token, snapshotOf(plan, isoAt(-24 * 4), 0.5));
    const body = reportOf(plan, {
      lessons: plan.lessons,
      signedAt,
      adminName: plan.adminName,
      parameters: plan.parameters,
      ...(plan.values === undefined ? {} : { values: plan.values }),
    });
    const report = await signOff(signer, body, signedAt);
    await call('POST', PATHS.reports, token, encodeBundle(report, []), 'application/zip');
  }

  const head = await createUser(store, { name: 'Helena Vogel', role: 'head' }, new Date());
  const { code } = await issueCode(store, head, new Date());
  return {
    url,
    store,
    headCode: code,
    adminCode: async (office, name) => {
      const admin = await createUser(store, { name, role: 'admin', office }, new Date());
      return (await issueCode(store, admin, new Date())).code;
    },
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

/**
 * A hub for the two-person stories (four-eyes waivers, a send-back and revision 2): a real hub on
 * 127.0.0.1 with SQLite in a temporary folder, where Ana García administers the Berlin office and
 * Sam Okafor supervises it. Each gets a one-time code to connect their laptop with.
 */
export interface TeamHub {
  url: string;
  store: HubStore;
  /** A temporary folder for the test's files (templates, downloads). */
  folder: string;
  adminId: string;
  adminCode: string;
  supervisorCode: string;
  stop(): Promise<void>;
}

export async function startTeamHub(): Promise<TeamHub> {
  const folder = mkdtempSync(join(tmpdir(), 'golive-team-hub-'));
  const store = await openSqliteStore(join(folder, 'hub.sqlite'));
  const app = createHub({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const now = new Date();
  const ana = await createUser(
    store,
    { name: 'Ana García', role: 'admin', office: 'Berlin office' },
    now,
  );
  const sam = await createUser(
    store,
    { name: 'Sam Okafor', role: 'supervisor', supervises: ['Berlin office'] },
    now,
  );
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
    store,
    folder,
    adminId: ana.userId,
    adminCode: (await issueCode(store, ana, now)).code,
    supervisorCode: (await issueCode(store, sam, now)).code,
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** The e2e test with a team hub started for the test and stopped after it. */
export const test = base.extend<{ teamHub: TeamHub }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern
  teamHub: async ({}, use) => {
    const hub = await startTeamHub();
    await use(hub);
    await hub.stop();
  },
});
