// Generated rollouts for the comparison tests and the benchmark: N offices x about M items, two
// templates (new-office 1.0.0 and 1.1.0, client-onboarding 1.0.0), snapshots over time built by the
// real snapshot builder, and signed reports in every review state. Deterministic for a seed.
// The generator also records the truth it built in (which section lags, each run's pace, the SLA
// outcome of every cell, which items each lesson mentions) so tests check results against what
// was put in rather than against a second implementation.
//
// Versions of new-office: 1.1.0 drops the last two items of every common section and the section
// `fax` (1.0.0 only), adds two items per common section and the section `handover` (1.1.0 only),
// and renames `workplace`. One item per template is shown only when `seats >= 50`.
// Reports are built here in the shape of buildReportBody (without an event log, which the
// comparisons never read) and carry placeholder signatures: the comparisons trust the hub's
// verification and read only the signatures' purposes.
import {
  definitionSchema,
  type ChecklistDefinition,
  type DefinitionInput,
} from '../../../../core/definitions/schema';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ReportBody,
  type ReportItem,
  type ReportSection,
  type Signature,
  type SignaturePurpose,
  type SignedReport,
} from '../../../../core/reports/report-format';
import {
  computeProgress,
  evaluateGate,
  evaluateItem,
  judgeContext,
  runVisibility,
  type Actor,
  type Answer,
  type ItemRef,
  type Run,
} from '../../../../core/runs';
import { buildProgressSnapshot } from '../../../../core/sync/progress-snapshot';
import type { ProgressSnapshot } from '../../../../core/sync/wire-protocol';
import {
  collectRollouts,
  definitionCatalog,
  type DefinitionCatalog,
  type RolloutSource,
  type SignOffState,
  type SlaMetric,
  type SlaPriority,
  type SlaState,
} from '../../../../core/compare';

export interface WorldOptions {
  offices: number;
  /** Items per template, roughly (spread over its sections). */
  items: number;
  /** Snapshots per run, at least 4; default 6. */
  snapshotsPerRun?: number;
  seed?: number;
  /** 'YYYY-MM-DD'; default 2025-06-20. */
  today?: string;
}

export interface GeneratedLesson {
  text: string;
  /** Item ids the text mentions, by id or by title. */
  mentions: string[];
}

export interface GeneratedRun {
  run: Run;
  office: string;
  definition: ChecklistDefinition;
  state: SignOffState;
  /** actual / estimate of every timed item. */
  pace: number;
  /** Status of each visible item at the run's latest observation. */
  latestStatuses: Map<string, Answer['status']>;
  snapshots: ProgressSnapshot[];
  /** Every revision, oldest first. */
  reports: SignedReport[];
  lessons: GeneratedLesson | null;
  /** Client runs with a report: the outcome built into each SLA cell. */
  sla: Map<SlaCellKey, SlaState> | null;
}

export interface World {
  today: string;
  definitions: ChecklistDefinition[];
  catalog: DefinitionCatalog;
  runs: GeneratedRun[];
  snapshots: ProgressSnapshot[];
  reports: SignedReport[];
  sources: RolloutSource[];
  /** The section pushed to the end of every run. */
  laggingSection: string;
}

export const LAGGING_SECTION = 'security';
export const COUNTRIES = ['DE', 'ES', 'FR', 'GB', 'US'] as const;
const STATES: readonly SignOffState[] = ['countersigned', 'signed', 'sent-back', 'in-progress'];

/** mulberry32: a small deterministic PRNG. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

export function addDaysIso(iso: string, days: number, minutes = 0): string {
  return new Date(Date.parse(iso) + days * 86_400_000 + minutes * 60_000).toISOString();
}

// ---- templates ---------------------------------------------------------------------------------

const OFFICE_SECTIONS = [
  { id: 'connectivity', title: 'Connectivity', department: 'network' },
  { id: 'security', title: 'Security', department: 'security' },
  { id: 'infrastructure', title: 'Infrastructure', department: 'infrastructure' },
  { id: 'backup', title: 'Backup', department: 'backup' },
  { id: 'monitoring', title: 'Monitoring', department: 'monitoring' },
  { id: 'workplace', title: 'Workplace', department: 'workplace' },
] as const;

const CLIENT_SECTIONS = [
  { id: 'plan', title: 'Cross-functional plan', department: 'service-delivery' },
  { id: 'network', title: 'Client network', department: 'network' },
  { id: 'systems', title: 'Systems', department: 'unix' },
  { id: 'security', title: 'Cyber-defence', department: 'cyber-defence' },
] as const;

const DEPARTMENTS = [
  'network',
  'security',
  'infrastructure',
  'backup',
  'monitoring',
  'workplace',
  'service-desk',
  'service-delivery',
  'unix',
  'cyber-defence',
  'tam',
].map((id) => ({ id, title: id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ') }));

const CONDITIONAL_SECTIONS = new Set(['infrastructure', 'systems']);

type ItemInput = DefinitionInput['sections'][number]['items'][number];

function checkItem(sectionId: string, sectionTitle: string, j: number, label = 'check'): ItemInput {
  const id = label === 'check' ? `${sectionId}-${j}` : `${sectionId}-${label}-${j}`;
  return {
    id,
    title: `${sectionTitle} ${label} ${j}`,
    type: 'check',
    severity: j === 0 ? 'blocking' : j % 3 === 0 ? 'minor' : 'major',
    ...(j % 7 === 6 ? {} : { estimateMinutes: 10 + ((j * 37 + sectionId.length * 11) % 12) * 10 }),
    // One item per template shows only on larger sites.
    ...(j === 1 && CONDITIONAL_SECTIONS.has(sectionId) && label === 'check'
      ? { when: 'seats >= 50' }
      : {}),
  };
}

function officeDefinition(version: '1.0.0' | '1.1.0', perSection: number): ChecklistDefinition {
  const sections: DefinitionInput['sections'] = OFFICE_SECTIONS.map((section) => {
    const count = version === '1.0.0' ? perSection : perSection - 2;
    const items = Array.from({ length: count }, (_, j) => checkItem(section.id, section.title, j));
    if (version === '1.1.0') {
      items.push(
        checkItem(section.id, section.title, 0, 'new'),
        checkItem(section.id, section.title, 1, 'new'),
      );
    }
    return {
      ...section,
      title:
        version === '1.1.0' && section.id === 'workplace' ? 'Workplace and DaaS' : section.title,
      items,
    };
  });
  if (version === '1.0.0') {
    sections.push({
      id: 'fax',
      title: 'Fax lines',
      department: 'network',
      items: [0, 1, 2].map((j) => checkItem('fax', 'Fax line', j)),
    });
  } else {
    sections.push({
      id: 'handover',
      title: 'Handover to the service desk',
      department: 'service-desk',
      items: [0, 1, 2].map((j) => checkItem('handover', 'Handover', j)),
    });
  }
  return definitionSchema.parse({
    id: 'new-office',
    version,
    title: 'New office go-live',
    kind: 'new-office',
    changelog: version === '1.0.0' ? 'First version.' : 'Fax dropped, handover added.',
    departments: DEPARTMENTS,
    parameters: [
      { id: 'seats', label: 'Seats', type: 'number' },
      { id: 'country', label: 'Country', type: 'text' },
    ],
    sections,
  } satisfies DefinitionInput);
}

/** SLA units: response in minutes, resolution in hours, except P4 resolution measured in days. */
export type SlaCellKey = `${SlaMetric}/${SlaPriority}`;
export const SLA_TARGETS: Record<SlaCellKey, number> = {
  'response/P1': 15,
  'response/P2': 30,
  'response/P3': 120,
  'response/P4': 480,
  'resolution/P1': 4,
  'resolution/P2': 8,
  'resolution/P3': 72,
  'resolution/P4': 240,
};
export const SLA_CELLS = Object.keys(SLA_TARGETS) as SlaCellKey[];

function slaUnit(cell: string, role: 'target' | 'measured'): string {
  if (cell === 'resolution/P4' && role === 'measured') return 'days';
  return cell.startsWith('response') ? 'minutes' : 'hours';
}

function clientDefinition(perSection: number): ChecklistDefinition {
  const sections: DefinitionInput['sections'] = CLIENT_SECTIONS.map((section) => ({
    ...section,
    items: Array.from({ length: perSection }, (_, j) => checkItem(section.id, section.title, j)),
  }));
  for (const role of ['target', 'measured'] as const) {
    sections.push({
      id: role === 'target' ? 'sla-targets' : 'hypercare',
      title: role === 'target' ? 'SLA targets' : 'Hypercare',
      department: 'tam',
      items: SLA_CELLS.map((cell) => {
        const [metric, priority] = cell.split('/') as [SlaMetric, SlaPriority];
        return {
          id: `sla-${priority.toLowerCase()}-${metric}-${role}`,
          title: `${priority} ${metric} ${role}`,
          type: 'number' as const,
          unit: slaUnit(cell, role),
          sla: { metric, priority, role },
          estimateMinutes: 10,
        };
      }),
    });
  }
  return definitionSchema.parse({
    id: 'client-onboarding',
    version: '1.0.0',
    title: 'Client onboarding go-live',
    kind: 'client-onboarding',
    changelog: 'First version.',
    departments: DEPARTMENTS,
    parameters: [
      { id: 'seats', label: 'Users', type: 'number' },
      { id: 'country', label: 'Country', type: 'text' },
    ],
    sections,
  } satisfies DefinitionInput);
}

// ---- runs --------------------------------------------------------------------------------------

const ADMIN: Actor = { id: 'admin', name: 'Ana Admin', role: 'admin' };
const HASH = 'a'.repeat(64);
const PUBLIC_KEY = 'A'.repeat(43);
const SIGNATURE_VALUE = 'A'.repeat(86);

function signature(purpose: SignaturePurpose, signedAt: string): Signature {
  return {
    statement: {
      format: REPORT_FORMAT,
      formatVersion: REPORT_FORMAT_VERSION,
      purpose,
      reportHash: HASH,
      signer: {
        publicKey: PUBLIC_KEY,
        name: purpose === 'sign-off' ? 'Ana Admin' : 'Sam Supervisor',
        role: purpose === 'sign-off' ? 'admin' : 'supervisor',
      },
      signedAt,
      ...(purpose === 'send-back' ? { comment: 'Attach the failover test.' } : {}),
    },
    value: SIGNATURE_VALUE,
  };
}

interface Plan {
  /** Resolution order of the visible items: other sections interleaved, the lagging one last. */
  order: ItemRef[];
  isNotApplicable: Set<string>;
}

function plan(visible: readonly ItemRef[], random: () => number): Plan {
  const bySection = new Map<string, ItemRef[]>();
  for (const ref of visible) {
    const list = bySection.get(ref.section.id) ?? [];
    list.push(ref);
    bySection.set(ref.section.id, list);
  }
  const others = [...bySection]
    .filter(([id]) => id !== LAGGING_SECTION)
    .map(([, refs]) => shuffle([...refs], random));
  const order: ItemRef[] = [];
  for (let j = 0; others.some((refs) => j < refs.length); j += 1) {
    for (const refs of others) if (j < refs.length) order.push(refs[j] as ItemRef);
  }
  order.push(...shuffle([...(bySection.get(LAGGING_SECTION) ?? [])], random));
  const isNotApplicable = new Set(
    order
      .filter((ref) => ref.item.type === 'check' && ref.item.severity !== 'blocking')
      .filter(() => random() < 0.06)
      .map((ref) => ref.item.id),
  );
  return { order, isNotApplicable };
}

interface Moment {
  /** Items resolved so far (a prefix of the order). */
  resolved: number;
  /** Positions in the order that are blocked (never among the resolved). */
  blocked: number[];
  /** Positions reopened after a send-back (open again). */
  reopened: number[];
  at: string;
}

function slaKey(sla: { metric: SlaMetric; priority: SlaPriority }): SlaCellKey {
  return `${sla.metric}/${sla.priority}`;
}

function slaOutcome(i: number, cellIndex: number): SlaState {
  return (['met', 'breached', 'missing'] as const)[(Math.floor(i / 3) + cellIndex) % 3] as SlaState;
}

function answersAt(
  moment: Moment,
  run: Run,
  runPlan: Plan,
  pace: number,
  sla: GeneratedRun['sla'],
): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  const { order } = runPlan;
  const skip = new Set([...moment.blocked, ...moment.reopened]);
  for (let position = 0; position < moment.resolved; position += 1) {
    if (skip.has(position)) continue;
    const ref = order[position] as ItemRef;
    const { item } = ref;
    const finishedAt = addDaysIso(moment.at, 0, -30 - position);
    const slaCell = item.type === 'number' && item.sla ? slaKey(item.sla) : undefined;
    const isSlaMissing =
      slaCell !== undefined &&
      item.type === 'number' &&
      item.sla?.role === 'measured' &&
      sla?.get(slaCell) === 'missing';
    if (runPlan.isNotApplicable.has(item.id) || isSlaMissing) {
      answers.set(item.id, {
        runId: run.id,
        itemId: item.id,
        status: 'not-applicable',
        reason: 'Not on this site.',
        attachments: [],
        finishedAt,
        updatedAt: finishedAt,
        updatedBy: ADMIN,
      });
      continue;
    }
    const isTimed = item.estimateMinutes !== undefined && ref.index % 4 !== 0;
    const startedAt = isTimed
      ? addDaysIso(finishedAt, 0, -(item.estimateMinutes ?? 0) * pace)
      : finishedAt;
    const answer: Answer = {
      runId: run.id,
      itemId: item.id,
      status: 'done',
      attachments: [],
      startedAt,
      finishedAt,
      updatedAt: finishedAt,
      updatedBy: ADMIN,
    };
    if (item.type === 'number' && item.sla && slaCell !== undefined) {
      const cell = slaCell;
      const target = SLA_TARGETS[cell];
      if (item.sla.role === 'target') answer.value = { type: 'number', value: target };
      else {
        const factor = sla?.get(cell) === 'breached' ? 1.5 : 0.5;
        const inUnit =
          slaUnit(cell, 'measured') === 'days' ? (target / 24) * factor : target * factor;
        answer.value = { type: 'number', value: inUnit };
      }
    }
    answers.set(item.id, answer);
  }
  for (const position of moment.blocked) {
    const ref = order[position];
    if (ref === undefined) continue;
    answers.set(ref.item.id, {
      runId: run.id,
      itemId: ref.item.id,
      status: 'blocked',
      reason: `Waiting on ${ref.department}.`,
      attachments: [],
      startedAt: moment.at,
      updatedAt: moment.at,
      updatedBy: ADMIN,
    });
  }
  return answers;
}

function reportBody(
  definition: ChecklistDefinition,
  run: Run,
  office: string,
  answers: Map<string, Answer>,
  revision: number,
  signedAt: string,
  lessonsLearned: string,
): ReportBody {
  const visibility = runVisibility(definition, run);
  const judge = judgeContext(definition, run, answers, visibility);
  const sections: ReportSection[] = [];
  const bySection = new Map<string, ReportSection>();
  for (const ref of visibility.visible) {
    let section = bySection.get(ref.section.id);
    if (section === undefined) {
      section = {
        id: ref.section.id,
        title: ref.section.title,
        department: ref.section.department,
        items: [],
      };
      bySection.set(ref.section.id, section);
      sections.push(section);
    }
    const answer = answers.get(ref.item.id);
    const item: ReportItem = {
      id: ref.item.id,
      title: ref.item.title,
      type: ref.item.type,
      severity: ref.item.severity,
      department: ref.department,
      status: answer?.status ?? 'open',
      attachments: [],
      failing: evaluateItem(ref.item, answer, judge).failing,
    };
    if (answer?.value) item.value = answer.value;
    if (ref.item.type === 'number') item.unit = ref.item.unit;
    if (answer?.reason) item.reason = answer.reason;
    if (answer?.startedAt) item.startedAt = answer.startedAt;
    if (answer?.finishedAt) item.finishedAt = answer.finishedAt;
    if (ref.item.estimateMinutes !== undefined) item.estimateMinutes = ref.item.estimateMinutes;
    section.items.push(item);
  }
  const { overall } = computeProgress(definition, run, answers, signedAt.slice(0, 10));
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    reportId: run.id,
    revision,
    supersedes: revision === 1 ? null : HASH,
    run: {
      id: run.id,
      name: run.name,
      kind: run.kind,
      office,
      parameters: { ...run.parameters },
      plannedGoLive: run.plannedGoLive,
      createdAt: run.createdAt,
      createdBy: ADMIN,
    },
    definition: {
      id: definition.id,
      version: definition.version,
      hash: HASH,
      title: definition.title,
    },
    gate: { decision: evaluateGate(definition, run, answers).decision, waivers: [] },
    summary: {
      total: overall.total,
      done: overall.done,
      notApplicable: overall.notApplicable,
      blocked: overall.blocked,
      open: overall.open,
      failing: overall.failing,
      percentComplete: overall.percentComplete,
      estimateMinutes: overall.estimateMinutes,
      actualMinutes: overall.actualMinutes,
    },
    sections,
    departments: definition.departments.map(({ id, title }) => ({ id, title })),
    hiddenItems: visibility.hidden.map((ref) => ref.item.id),
    eventChain: { head: null, length: 0 },
    lessonsLearned,
    signedAt,
  };
}

/** Three points: one names an item by its title (upper-cased), one by its id, one names none. */
function lessonsFor(order: readonly ItemRef[], i: number): GeneratedLesson {
  const byTitle = order[(i * 7) % order.length] as ItemRef;
  let byId = order[(i * 13 + 5) % order.length] as ItemRef;
  if (byId === byTitle) byId = order[(i * 13 + 6) % order.length] as ItemRef;
  return {
    text: [
      `- ${byTitle.item.title.toUpperCase()} took twice as long as estimated.`,
      `- The check ${byId.item.id} needs a photo of the rack label.`,
      '',
      'Order the second line a month earlier next time.',
    ].join('\n'),
    mentions: [byTitle, byId].sort((a, b) => a.index - b.index).map((ref) => ref.item.id),
  };
}

export function generateWorld(options: WorldOptions): World {
  const random = createRandom(options.seed ?? 42);
  const today = options.today ?? '2025-06-20';
  const snapshotsPerRun = Math.max(4, options.snapshotsPerRun ?? 6);
  const officePerSection = Math.max(4, Math.round(options.items / OFFICE_SECTIONS.length));
  const clientPerSection = Math.max(4, Math.round((options.items - 16) / CLIENT_SECTIONS.length));
  const definitions = [
    officeDefinition('1.0.0', officePerSection),
    officeDefinition('1.1.0', officePerSection),
    clientDefinition(clientPerSection),
  ];
  const [office10, office11, client10] = definitions as [
    ChecklistDefinition,
    ChecklistDefinition,
    ChecklistDefinition,
  ];
  const todayIso = `${today}T12:00:00.000Z`;
  const runs: GeneratedRun[] = [];
  for (let i = 0; i < options.offices; i += 1) {
    const isClient = i % 3 === 1;
    const definition = isClient ? client10 : Math.floor(i / 4) % 2 === 0 ? office10 : office11;
    const state = STATES[i % 4] as SignOffState;
    const office = `Office ${pad(i)}`;
    const createdAt = addDaysIso(todayIso, -30);
    const run: Run = {
      id: `run-${pad(i)}`,
      definitionId: definition.id,
      definitionVersion: definition.version,
      definitionHash: HASH,
      kind: definition.kind,
      name: isClient ? `Client ${pad(i)}` : `${office} opening`,
      parameters: {
        seats: 20 + ((i * 37) % 100),
        country: COUNTRIES[i % COUNTRIES.length] as string,
      },
      plannedGoLive: addDaysIso(todayIso, ((i * 7) % 21) - 10).slice(0, 10),
      createdAt,
      createdBy: ADMIN,
      state: 'in-progress',
    };
    const pace = 1 + (i % 5) * 0.5;
    const { visible } = runVisibility(definition, run);
    const runPlan = plan(visible, random);
    const n = runPlan.order.length;
    const sla: GeneratedRun['sla'] =
      isClient && state !== 'in-progress'
        ? new Map(SLA_CELLS.map((cell, index) => [cell, slaOutcome(i, index)]))
        : null;
    const fraction = 0.3 + 0.6 * random();
    const blockers = 1 + (i % 3);
    const K = snapshotsPerRun;
    const moments: Moment[] = [];
    for (let k = 0; k < K; k += 1) {
      const at = addDaysIso(createdAt, ((k + 1) * 28) / K, i);
      if (state === 'in-progress') {
        const resolved = Math.round((n * fraction * (k + 1)) / K);
        const blocked =
          k >= Math.floor(K / 2)
            ? Array.from({ length: blockers }, (_, b) => resolved + b).filter((p) => p < n)
            : [];
        moments.push({ resolved, blocked, reopened: [], at });
      } else if (state === 'sent-back') {
        const isReopened = k >= K - 2;
        moments.push({
          resolved: Math.round(n * Math.min(1, (k + 1) / (K - 2))),
          blocked: isReopened ? [n - 1] : [],
          reopened: isReopened ? [n - 2] : [],
          at,
        });
      } else {
        moments.push({ resolved: Math.round((n * (k + 1)) / K), blocked: [], reopened: [], at });
      }
    }
    const snapshots = moments.map((moment) => {
      const built = buildProgressSnapshot({
        definition,
        run,
        answers: answersAt(moment, run, runPlan, pace, sla),
        office,
        takenAt: moment.at,
        today: moment.at.slice(0, 10),
      });
      if (!built.ok) throw new Error(`generated snapshot invalid: ${built.problems.join('; ')}`);
      return built.snapshot;
    });
    const last = moments.at(-1) as Moment;
    const lastAnswers = answersAt(last, run, runPlan, pace, sla);
    const latestStatuses = new Map(
      runPlan.order.map((ref) => [ref.item.id, lastAnswers.get(ref.item.id)?.status ?? 'open']),
    );
    const reports: SignedReport[] = [];
    let lessons: GeneratedLesson | null = null;
    if (state !== 'in-progress') {
      lessons = lessonsFor(runPlan.order, i);
      const signedMoment = (state === 'sent-back' ? moments[K - 3] : last) as Moment;
      const signedAt = addDaysIso(signedMoment.at, 0, 60);
      const finalAnswers = answersAt(signedMoment, run, runPlan, pace, sla);
      // Every eighth run was sent back once before its final revision.
      const revisions = i % 8 === 0 ? 2 : 1;
      for (let revision = 1; revision <= revisions; revision += 1) {
        const isFinal = revision === revisions;
        const at = addDaysIso(signedAt, 0, (revision - revisions) * 600);
        const signatures = [signature('sign-off', at)];
        if (!isFinal || state === 'sent-back')
          signatures.push(signature('send-back', addDaysIso(at, 0, 180)));
        else if (state === 'countersigned')
          signatures.push(signature('countersign', addDaysIso(at, 0, 120)));
        reports.push({
          body: reportBody(
            definition,
            run,
            office,
            finalAnswers,
            revision,
            at,
            isFinal ? lessons.text : 'Superseded lessons: CONNECTIVITY CHECK 0 was fine.',
          ),
          signatures,
        });
      }
    }
    runs.push({
      run,
      office,
      definition,
      state,
      pace,
      latestStatuses,
      snapshots,
      reports,
      lessons,
      sla,
    });
  }
  const snapshots = runs.flatMap((run) => run.snapshots);
  const reports = runs.flatMap((run) => run.reports);
  return {
    today,
    definitions,
    catalog: definitionCatalog(definitions),
    runs,
    snapshots,
    reports,
    sources: collectRollouts({ snapshots, reports }),
    laggingSection: LAGGING_SECTION,
  };
}
