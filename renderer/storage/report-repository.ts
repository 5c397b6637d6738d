// Signed reports on this device: the administrator's sign-off (which freezes the run and queues the
// report for the hub in the same transaction, and declares evidence files whose bytes are not here
// only when the signer chose to sign without them), reports imported from bundles or pulled from
// the hub for review, the signatures supervisors add (queued for the hub in the same transaction),
// and re-opening a run that was sent back.
import {
  buildReportBody,
  canonicalReportJson,
  notIncludedAttachments,
  reportHash,
  signOff as signOffReport,
} from '../../core/reports';
import type { SignedReport, Signer } from '../../core/reports/report-format';
import { canonicalJson } from '../../core/runs';
import { signatureOutboxKey } from '../../core/sync/outbox';
import { heldEvidence } from './attachment-store';
import type { GoLiveDatabase, OutboxRow, ReportSource, SignedReportRow } from './database';
import { logVersionOf, type RunRepository } from './run-repository';

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
  /**
   * SHA-256s of evidence files whose bytes are not on this device that the signer chose to sign
   * without (the sign-off dialog names them): the report declares them not included. Any other
   * file found missing refuses the sign-off, so none is left out without the signer knowing.
   */
  notIncludedAccepted?: readonly string[];
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

/**
 * A returned report (sent back by a supervisor) for one of this device's runs: the run opens again
 * for a new revision, which will name the sent-back one's hash as the one it supersedes. Only when
 * the send-back is on the latest revision this device holds and the run is still signed; true when
 * it reopened the run. Sync calls this after keeping a pulled report (renderer/sync/dexie-stores.ts).
 */
export async function reopenRunIfSentBack(
  db: GoLiveDatabase,
  reportId: string,
  now = new Date(),
): Promise<boolean> {
  return db.transaction('rw', [db.runs, db.signedReports], async () => {
    const rows = await db.signedReports.where('reportId').equals(reportId).sortBy('revision');
    const latest = rows.at(-1);
    const run = await db.runs.get(reportId);
    const isSentBack = latest?.signed.signatures.some((s) => s.statement.purpose === 'send-back');
    if (!run || !isSentBack || run.state !== 'signed') return false;
    await db.runs.put({
      ...run,
      state: 'in-progress',
      updatedAt: now.toISOString(),
      logVersion: logVersionOf(run) + 1,
    });
    return true;
  });
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
      notIncludedAccepted = [],
    }: SignOffInput): Promise<SignedReportRow> {
      const loaded = await runs.load(runId);
      if (!loaded) throw new SignOffRefusedError('This run does not exist on this device.');
      if (loaded.run.state === 'signed')
        throw new SignOffRefusedError('This run is already signed off.');
      const { log, tamperedItems } = loaded.integrity;
      if (!log.ok)
        throw new SignOffRefusedError(
          `The run's history is broken (${log.reason}); it cannot be signed.`,
        );
      if (tamperedItems.length > 0) {
        throw new SignOffRefusedError(
          `Answers were changed outside the app (${tamperedItems.join(', ')}); it cannot be signed.`,
        );
      }
      const previous = await latestForRun(runId);
      const signedAt = now.toISOString();
      const held = await heldEvidence(
        db,
        [...loaded.answers.values()].flatMap((answer) => answer.attachments.map((a) => a.sha256)),
      );
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
        isEvidenceHeld: (sha256) => held.has(sha256),
      });
      const accepted = new Set(notIncludedAccepted);
      const unaccepted = notIncludedAttachments(body).filter(
        ({ ref }) => !accepted.has(ref.sha256),
      );
      if (unaccepted.length > 0) {
        const names = unaccepted.map(({ ref, itemTitle }) => `"${ref.name}" (${itemTitle})`);
        const them = unaccepted.length === 1 ? 'it' : 'them';
        throw new SignOffRefusedError(
          `Not on this device: ${names.join(', ')}. Fetch ${them}, or choose to sign without ${them}.`,
        );
      }
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
      const logVersion = logVersionOf(loaded.run);
      await db.transaction('rw', [db.runs, db.signedReports, db.outbox], async () => {
        const run = await db.runs.get(runId);
        if (!run || run.state !== 'in-progress' || logVersionOf(run) !== logVersion) {
          throw new SignOffRefusedError(
            'The run changed while it was being signed: sign it off again.',
          );
        }
        await db.signedReports.add(row);
        await db.outbox.add(outboxEntry(row, signedAt));
        await db.runs.put({
          ...run,
          state: 'signed',
          updatedAt: signedAt,
          logVersion: logVersion + 1,
        });
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
     * A supervisor's countersign or send-back (`signed`: the report with the new signature last),
     * kept and queued for the hub in ONE transaction, so a decision is never kept without going to
     * the hub nor sent without being kept. Refused when the report changed on this device since
     * the supervisor read it (another signature arrived meanwhile): the decision must cover the
     * signatures it follows, so it is made again on the copy held now.
     */
    async addSupervisorSignature(
      signed: SignedReport,
      hash: string,
      now = new Date(),
    ): Promise<SignedReportRow> {
      const { reportId, revision } = signed.body;
      const index = signed.signatures.length - 1;
      const signature = signed.signatures[index];
      if (!signature || index < 1 || signature.statement.purpose === 'sign-off') {
        throw new SignOffRefusedError('Only a countersign or a send-back is added to a report.');
      }
      const at = now.toISOString();
      return db.transaction('rw', [db.signedReports, db.outbox], async () => {
        const existing = await db.signedReports.get([reportId, revision]);
        if (!existing || existing.reportHash !== hash) {
          throw new SignOffRefusedError(
            `Revision ${revision} of this report is not on this device.`,
          );
        }
        if (
          canonicalJson(existing.signed.signatures) !==
          canonicalJson(signed.signatures.slice(0, index))
        ) {
          throw new SignOffRefusedError(
            'The report changed while you were deciding (another signature arrived): review it again.',
          );
        }
        const row: SignedReportRow = {
          ...existing,
          json: canonicalReportJson(signed),
          signed,
          storedAt: at,
        };
        const entry: OutboxRow = {
          kind: 'signature',
          key: signatureOutboxKey(reportId, revision, index),
          state: 'pending',
          createdAt: at,
          attempts: 0,
          payload: canonicalJson(signature),
        };
        await db.signedReports.put(row);
        await db.outbox.add(entry);
        return row;
      });
    },

    /** See reopenRunIfSentBack. */
    reopenIfSentBack(reportId: string, now = new Date()): Promise<boolean> {
      return reopenRunIfSentBack(db, reportId, now);
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
