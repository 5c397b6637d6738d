// A small new-office definition that exercises every rule of core/runs: every item type,
// dependencies across departments (a diamond through core-switches), a change item, conditional
// items (one shown, two hidden, one depending on a hidden item), blocking items and required
// evidence. Plus a session helper that applies actions the way the app does: answer store + chain.
import {
  definitionSchema,
  type ChecklistDefinition,
  type DefinitionInput,
} from '../../../../core/definitions/schema';
import { hexToBytes } from '@noble/hashes/utils.js';
import { bytesToBase64url } from '../../../../core/reports/base64url';
import { ed25519PublicKey, ed25519Sign } from '../../../../core/reports/ed25519';
import { waiverStatement, waiverStatementBytes } from '../../../../core/runs/waiver-decision';
import {
  recordAction,
  RunLog,
  undoLast,
  type Action,
  type Actor,
  type Answer,
  type AttachmentRef,
  type RecordContext,
  type RecordResult,
  type Run,
  type RunEvent,
} from '../../../../core/runs';

export const input: DefinitionInput = {
  id: 'new-office',
  version: '1.2.0',
  title: 'New office go-live',
  kind: 'new-office',
  changelog: 'Test fixture.',
  departments: [
    { id: 'network', title: 'Network' },
    { id: 'security', title: 'Security' },
    { id: 'infrastructure', title: 'Infrastructure' },
    { id: 'backup', title: 'Backup' },
  ],
  parameters: [
    { id: 'seats', label: 'Seats', type: 'number' },
    { id: 'country', label: 'Country', type: 'text' },
    { id: 'hasDaas', label: 'Desktop as a service', type: 'boolean' },
  ],
  sections: [
    {
      id: 'connectivity',
      title: 'Connectivity',
      department: 'network',
      items: [
        {
          id: 'isp-lines',
          title: 'ISP lines',
          type: 'count',
          min: 2,
          unit: 'ISP line',
          severity: 'blocking',
          dependsOn: ['core-switches'],
          estimateMinutes: 60,
        },
        {
          id: 'speed-test',
          title: 'Speed test',
          type: 'number',
          unit: 'Mbit/s',
          min: 100,
          max: 10_000,
          severity: 'blocking',
          evidence: 'required',
          dependsOn: ['isp-lines'],
          estimateMinutes: 30,
        },
        {
          id: 'failover-test',
          title: 'Failover test',
          type: 'check',
          severity: 'blocking',
          dependsOn: ['speed-test', 'firewall-change'],
          estimateMinutes: 45,
        },
        {
          id: 'wifi-survey',
          title: 'Wi-Fi survey',
          type: 'check',
          severity: 'minor',
          when: 'seats >= 50',
          estimateMinutes: 120,
        },
      ],
    },
    {
      id: 'security',
      title: 'Security',
      department: 'security',
      items: [
        {
          id: 'firewall-change',
          title: 'Firewall rules',
          type: 'check',
          change: true,
          severity: 'blocking',
          dependsOn: ['core-switches'],
          estimateMinutes: 30,
        },
        {
          id: 'av-policy',
          title: 'Antivirus policy',
          type: 'choice',
          severity: 'major',
          estimateMinutes: 15,
          choices: [
            { id: 'enforced', label: 'Enforced', acceptable: true },
            { id: 'audit-only', label: 'Audit only', acceptable: true },
            { id: 'disabled', label: 'Disabled', acceptable: false },
          ],
        },
      ],
    },
    {
      id: 'infrastructure',
      title: 'Infrastructure',
      department: 'infrastructure',
      items: [
        {
          id: 'core-switches',
          title: 'Core switches',
          type: 'count',
          min: 2,
          unit: 'core switch',
          severity: 'blocking',
          estimateMinutes: 60,
        },
        {
          id: 'backup-target',
          title: 'Backup target',
          type: 'text',
          department: 'backup',
          dependsOn: ['core-switches'],
          estimateMinutes: 20,
        },
        { id: 'ups-installed-on', title: 'UPS installed on', type: 'date', severity: 'minor' },
        {
          id: 'daas-ready',
          title: 'DaaS ready',
          type: 'check',
          severity: 'blocking',
          when: 'hasDaas',
          estimateMinutes: 90,
        },
        {
          id: 'fax-line',
          title: 'Fax line',
          type: 'check',
          severity: 'blocking',
          when: 'country == "FR"',
        },
        {
          id: 'desk-phones',
          title: 'Desk phones',
          type: 'check',
          dependsOn: ['fax-line'],
          estimateMinutes: 10,
        },
      ],
    },
  ],
};

export const definition: ChecklistDefinition = definitionSchema.parse(input);

/** A definition built from a few items in one section, for focused tests. */
export function smallDefinition(
  items: DefinitionInput['sections'][number]['items'],
): ChecklistDefinition {
  return definitionSchema.parse({
    ...input,
    parameters: [],
    sections: [{ id: 'only', title: 'Only', department: 'network', items }],
  });
}

export const admin: Actor = { id: 'u-ana', name: 'Ana Admin', role: 'admin' };
export const supervisor: Actor = { id: 'u-sam', name: 'Sam Supervisor', role: 'supervisor' };

export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-berlin',
    definitionId: definition.id,
    definitionVersion: definition.version,
    definitionHash: 'a'.repeat(64),
    kind: 'new-office',
    name: 'Berlin office',
    parameters: { seats: 120, country: 'DE', hasDaas: false },
    plannedGoLive: '2025-06-02',
    createdAt: '2025-05-30T08:00:00.000Z',
    createdBy: admin,
    state: 'in-progress',
    ...overrides,
  };
}

/** Saturday 2025-05-31, `minutes` after 09:00 UTC. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2025, 4, 31, 9, minutes)).toISOString();
}

export function attachment(id: string): AttachmentRef {
  return { id, name: `${id}.jpg`, mimeType: 'image/jpeg', size: 1234, sha256: 'b'.repeat(64) };
}

/** Applies actions like the app: recorded on this device's chain against the merged log. */
export class Session {
  readonly log: RunLog;
  private clock = 0;

  constructor(
    public run: Run = makeRun(),
    readonly def: ChecklistDefinition = definition,
    readonly chain = 'device-a',
  ) {
    this.log = new RunLog(run.id);
  }

  get answers(): ReadonlyMap<string, Answer> {
    return this.log.answers();
  }

  get events(): RunEvent[] {
    return this.log.events();
  }

  now(): string {
    return at(this.clock);
  }

  /** Moves the clock on. */
  wait(minutes: number): this {
    this.clock += minutes;
    return this;
  }

  context(actor: Actor): RecordContext {
    return {
      definition: this.def,
      run: this.run,
      log: this.log,
      chain: this.chain,
      actor,
      now: this.now(),
    };
  }

  apply(action: Action, actor: Actor = admin): RecordResult {
    return this.keep(recordAction(this.context(actor), action));
  }

  undo(actor: Actor = admin): RecordResult {
    return this.keep(undoLast(this.context(actor)));
  }

  /** Adds an accepted event to the log, as the app does once it is stored. */
  keep(result: RecordResult): RecordResult {
    if (result.ok) this.log.add(result.event);
    return result;
  }

  /** Applies actions that must succeed. */
  must(...actions: Action[]): this {
    for (const action of actions) {
      const result = this.apply(action);
      if (!result.ok) throw new Error(`${action.type} ${action.itemId}: ${result.error.message}`);
    }
    return this;
  }

  /** Error code of an action that must fail. */
  refused(action: Action, actor: Actor = admin): string {
    const result = this.apply(action, actor);
    if (result.ok) throw new Error(`${action.type} ${action.itemId} was accepted`);
    return result.error.code;
  }
}

export const done = (itemId: string): Action => ({ type: 'setStatus', itemId, status: 'done' });

/** Everything visible in the fixture run done and passing (hidden items skipped): the gate says go. */
export function completeRun(session: Session): Session {
  const actions: Action[] = [
    { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['sw-a', 'sw-b'] } },
    done('core-switches'),
    {
      type: 'setValue',
      itemId: 'isp-lines',
      value: { type: 'count', legs: ['Telekom', 'Vodafone'] },
    },
    done('isp-lines'),
    { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 480 } },
    { type: 'attach', itemId: 'speed-test', attachment: attachment('speed') },
    done('speed-test'),
    {
      type: 'setRollbackPlan',
      itemId: 'firewall-change',
      rollbackPlan: 'Restore the saved config.',
    },
    done('firewall-change'),
    done('failover-test'),
    { type: 'setStatus', itemId: 'wifi-survey', status: 'not-applicable', reason: 'Wired only.' },
    { type: 'setValue', itemId: 'av-policy', value: { type: 'choice', choiceId: 'enforced' } },
    done('av-policy'),
    { type: 'setValue', itemId: 'backup-target', value: { type: 'text', text: 'NAS-01' } },
    done('backup-target'),
    { type: 'setValue', itemId: 'ups-installed-on', value: { type: 'date', date: '2025-05-20' } },
    done('ups-installed-on'),
    done('daas-ready'),
    done('fax-line'),
    done('desk-phones'),
  ];
  for (const action of actions) {
    const result = session.apply(action);
    if (!result.ok && result.error.code !== 'item-hidden') {
      throw new Error(`${action.type} ${action.itemId}: ${result.error.message}`);
    }
  }
  return session;
}

/** Sam's Ed25519 key (RFC 8032 section 7.1, test 2), as a supervisor who decides waivers. */
const SAM_KEY = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
export const samPublicKey = bytesToBase64url(ed25519PublicKey(SAM_KEY));

/** Sam's signed decision on the waiver of `itemId` as the session holds it (four eyes). */
export function waiverDecision(
  session: Session,
  itemId: string,
  decision: 'approve' | 'refuse' = 'approve',
  comment?: string,
): Action {
  const waiver = session.answers.get(itemId)?.waiver;
  if (!waiver) throw new Error(`${itemId} has no waiver`);
  const statement = waiverStatement({
    runId: session.run.id,
    itemId,
    runName: session.run.name,
    office: 'Berlin office',
    itemTitle: itemId,
    waiver,
    decision,
    ...(comment === undefined ? {} : { comment }),
    signer: { publicKey: samPublicKey, name: supervisor.name, role: 'supervisor' },
    signedAt: session.now(),
  });
  const signature = bytesToBase64url(ed25519Sign(waiverStatementBytes(statement), SAM_KEY));
  return { type: 'decideWaiver', itemId, statement, signature };
}

/** Sam approves the waiver of `itemId` (it then counts toward GO). */
export function approveWaiver(session: Session, itemId: string): Session {
  const result = session.apply(waiverDecision(session, itemId), supervisor);
  if (!result.ok) throw new Error(result.error.message);
  return session;
}
