// Signed reports on this device: the administrator's sign-off (which freezes the run and queues the
// report for the hub in the same transaction), reports imported from bundles for review, the
// signatures supervisors add, and re-opening a run that was sent back.
import {
  buildReportBody,
  canonicalReportJson,
  reportHash,
  signOff as signOffReport,
} from '../../core/reports';
import type { SignedReport, Signer } from '../../core/reports/report-format';
import type { GoLiveDatabase, OutboxRow, ReportSource, SignedReportRow } from './database';
import type { RunRepository } from './run-repository';

export class SignOffRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignOffRefusedError';
  }
}

export interface SignOffInput {
  runId: string;
  office: string;
  lessonsLearned: string;
  signer: Signer;
  now?: Date;
}

function outboxEntry(row: SignedReportRow, createdAt: string): OutboxRow {
  return {
    kind: 'report',
    key: `${row.reportId}@${row.revision}`,
    state: 'pending',
    createdAt,
    attempts: 0,
  };
}

export function createReportRepository(db: GoLiveDatabase, runs: RunRepository) {
  async function latestForRun(runId: string): Promise<SignedReportRow | undefined> {
    const rows = await db.signedReports.where('reportId').equals(runId).sortBy('revision');
    return rows.at(-1);
  }

  return {
    latestForRun,

    async list(): Promise<SignedReportRow[]> {
      const rows = await db.signedReports.toArray();
      return rows.sort((a, b) => b.storedAt.localeCompare(a.storedAt));
    },

    get(reportId: string, revision: number): Promise<SignedReportRow | undefined> {
      return db.signedReports.get([reportId, revision]);
    },

    /**
     * Builds the report from the run as stored, signs it (outside the transaction: signing is not
     * IndexedDB work), then in one transaction: checks nothing changed meanwhile, stores the
     * report, queues it for the hub and freezes the run.
     */
    async signOff({
      runId,
      office,
      lessonsLearned,
      signer,
      now = new Date(),
    }: SignOffInput): Promise<SignedReportRow> {
      const loaded = await runs.load(runId);
      if (!loaded) throw new SignOffRefusedError('This run does not exist on this device.');
      if (loaded.run.state === 'signed')
        throw new SignOffRefusedError('This run is already signed off.');
      const { chain, tamperedItems } = loaded.integrity;
      if (!chain.ok)
        throw new SignOffRefusedError(
          `The run's history is broken (${chain.reason}); it cannot be signed.`,
        );
      if (tamperedItems.length > 0) {
        throw new SignOffRefusedError(
          `Answers were changed outside the app (${tamperedItems.join(', ')}); it cannot be signed.`,
        );
      }
      const previous = await latestForRun(runId);
      const signedAt = now.toISOString();
      const body = buildReportBody({
        definition: loaded.definition,
        run: loaded.run,
        answers: loaded.answers,
        events: loaded.events,
        office,
        lessonsLearned,
        signedAt,
        revision: previous ? previous.revision + 1 : 1,
        supersedes: previous ? previous.reportHash : null,
      });
      const signed = await signOffReport(signer, body, signedAt);
      const row: SignedReportRow = {
        reportId: body.reportId,
        revision: body.revision,
        reportHash: reportHash(body),
        runId,
        source: 'local',
        json: canonicalReportJson(signed),
        signed,
        storedAt: signedAt,
      };
      const head = loaded.events.at(-1)?.hash ?? null;
      await db.transaction('rw', [db.runs, db.events, db.signedReports, db.outbox], async () => {
        const run = await db.runs.get(runId);
        const last = await db.events.where('runId').equals(runId).last();
        if (!run || run.state !== 'in-progress' || (last?.hash ?? null) !== head) {
          throw new SignOffRefusedError(
            'The run changed while it was being signed: sign it off again.',
          );
        }
        await db.signedReports.add(row);
        await db.outbox.add(outboxEntry(row, signedAt));
        await db.runs.update(runId, { state: 'signed', updatedAt: signedAt });
      });
      return row;
    },

    /** Keeps an imported report (already verified by the caller); the same revision twice is a no-op. */
    async storeImported(
      signed: SignedReport,
      hash: string,
      source: Exclude<ReportSource, 'local'> = 'imported',
      now = new Date(),
    ): Promise<SignedReportRow> {
      const json = canonicalReportJson(signed);
      return db.transaction('rw', db.signedReports, async () => {
        const existing = await db.signedReports.get([signed.body.reportId, signed.body.revision]);
        if (existing && existing.reportHash !== hash) {
          throw new SignOffRefusedError(
            `Revision ${signed.body.revision} of this report is already here with different content: the file is not the report that was signed.`,
          );
        }
        // Keep the copy with more signatures (a countersigned copy replaces the plain sign-off).
        if (existing && existing.signed.signatures.length >= signed.signatures.length)
          return existing;
        const row: SignedReportRow = {
          reportId: signed.body.reportId,
          revision: signed.body.revision,
          reportHash: hash,
          ...(existing?.runId ? { runId: existing.runId } : {}),
          source: existing?.source ?? source,
          json,
          signed,
          storedAt: now.toISOString(),
        };
        await db.signedReports.put(row);
        return row;
      });
    },

    /**
     * A returned report (sent back by a supervisor) for one of this device's runs: the run opens
     * again for a new revision, which will name this one's hash as the one it supersedes.
     */
    async reopenIfSentBack(reportId: string, now = new Date()): Promise<boolean> {
      return db.transaction('rw', [db.runs, db.signedReports], async () => {
        const rows = await db.signedReports.where('reportId').equals(reportId).sortBy('revision');
        const latest = rows.at(-1);
        const run = await db.runs.get(reportId);
        const isSentBack = latest?.signed.signatures.some(
          (s) => s.statement.purpose === 'send-back',
        );
        if (!run || !isSentBack || run.state !== 'signed') return false;
        await db.runs.update(reportId, { state: 'in-progress', updatedAt: now.toISOString() });
        return true;
      });
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
