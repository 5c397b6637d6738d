// The outbox as the Sync screen and the status bar show it, live from IndexedDB: what waits, what
// went (with the hub's receipt) and what the hub refused, each with a readable name (the run's name
// and revision for reports and for a supervisor's decisions on them, the run's name for progress
// snapshots).
import { useLiveQuery } from 'dexie-react-hooks';
import type { SignaturePurpose } from '../../../core/reports/report-format';
import type { OutboxKind, ReportReceipt } from '../../../core/sync';
import { parseReportOutboxKey, parseSignatureOutboxKey } from '../../../core/sync';
import { services } from '../../app/services';
import type { OutboxRow } from '../../storage/database';
import { readHubConnection, type HubConnection } from '../../sync/hub-connection';
import { runsWithUnsentProgress } from '../../sync/progress-snapshots';
import { todayIso } from '../runs/dates';

export interface OutboxItem {
  seq: number;
  kind: OutboxKind;
  key: string;
  state: 'pending' | 'sent' | 'failed';
  /** The run's name, when this device still has it. */
  name?: string;
  revision?: number;
  /** Signatures: countersign or send-back. */
  purpose?: SignaturePurpose;
  createdAt: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  sentAt?: string;
  receivedAt?: string;
  isReplay?: boolean;
}

export interface OutboxView {
  waiting: OutboxItem[];
  sent: OutboxItem[];
  failed: OutboxItem[];
}

/** Sent entries shown: the newest ones (the outbox keeps every receipt). */
const SENT_SHOWN = 50;

function readPurpose(payload: string | undefined): SignaturePurpose | undefined {
  try {
    const purpose = (JSON.parse(payload ?? '') as { statement?: { purpose?: unknown } }).statement
      ?.purpose;
    return purpose === 'countersign' || purpose === 'send-back' ? purpose : undefined;
  } catch {
    return undefined;
  }
}

function readReceipt(text: string | undefined): Partial<ReportReceipt> {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as Partial<ReportReceipt>;
  } catch {
    return {};
  }
}

async function loadView(): Promise<OutboxView> {
  const { db } = services;
  const rows = (await db.outbox.toArray()) as OutboxRow[];
  const items: OutboxItem[] = [];
  for (const row of rows) {
    if (row.seq === undefined) continue;
    const item: OutboxItem = {
      seq: row.seq,
      kind: row.kind,
      key: row.key,
      state: row.state,
      createdAt: row.createdAt,
      attempts: row.attempts,
      ...(row.lastError === undefined ? {} : { lastError: row.lastError }),
      ...(row.nextAttemptAt === undefined ? {} : { nextAttemptAt: row.nextAttemptAt }),
      ...(row.sentAt === undefined ? {} : { sentAt: row.sentAt }),
    };
    const receipt = readReceipt(row.receipt);
    if (receipt.receivedAt !== undefined) item.receivedAt = receipt.receivedAt;
    if (receipt.replay !== undefined) item.isReplay = receipt.replay;
    if (row.kind === 'report' || row.kind === 'signature') {
      const id =
        row.kind === 'report' ? parseReportOutboxKey(row.key) : parseSignatureOutboxKey(row.key);
      const purpose = row.kind === 'signature' ? readPurpose(row.payload) : undefined;
      if (purpose) item.purpose = purpose;
      if (id) {
        item.revision = id.revision;
        const report = await db.signedReports.get([id.reportId, id.revision]);
        if (report) item.name = report.signed.body.run.name;
      }
    } else {
      item.name = (await db.runs.get(row.key))?.name;
    }
    items.push(item);
  }
  const newest = (a: OutboxItem, b: OutboxItem) => b.seq - a.seq;
  return {
    waiting: items.filter((item) => item.state === 'pending').sort((a, b) => a.seq - b.seq),
    sent: items
      .filter((item) => item.state === 'sent')
      .sort(newest)
      .slice(0, SENT_SHOWN),
    failed: items.filter((item) => item.state === 'failed').sort(newest),
  };
}

export function useOutboxView(): OutboxView | undefined {
  return useLiveQuery(loadView, []);
}

/**
 * What waits for the hub (the status bar's queue): reports, supervisors' decisions, and, on an
 * administrator's connected device, runs whose progress the hub has not seen (a blocker just
 * raised waits for the next sync like a report does).
 */
export function useReportQueueLength():
  { reports: number; decisions: number; runs: number } | undefined {
  return useLiveQuery(async () => {
    const { db } = services;
    const rows = await db.outbox.where('state').equals('pending').toArray();
    const connection = await readHubConnection(db);
    const user = connection?.user;
    const now = new Date();
    const runs =
      user?.role === 'admin' && user.office !== undefined
        ? await runsWithUnsentProgress(db, { office: user.office, now, today: todayIso(now) })
        : [];
    return {
      reports: rows.filter((row) => row.kind === 'report').length,
      decisions: rows.filter((row) => row.kind === 'signature').length,
      runs: runs.length,
    };
  }, []);
}

/** The hub connection, live; null when this device is not connected. */
export function useHubConnection(): HubConnection | null | undefined {
  return useLiveQuery(async () => (await readHubConnection(services.db)) ?? null, []);
}
