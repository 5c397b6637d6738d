// At start, in the desktop app: what main's second copy holds (electron/main/report-mirror.ts) is
// compared with IndexedDB. A signed revision on disk but missing from IndexedDB (Chromium reset
// the database), or held there with fewer signatures, is put back with its evidence after core's
// verifyReport finds nothing wrong with it but the missing trust list (the keys cannot be vouched
// for here; the signatures, the hash and the shape are checked). A damaged or altered copy is
// reported and skipped, never restored and never fatal.
// The outcome feeds the notice the shell shows (use-report-mirror.ts) and tells the mirror
// watcher which copies exist already (mirror-signed-reports.ts).
import { parseReportJson, verifyReport } from '../../../core/reports';
import type { SignedReport } from '../../../core/reports/report-format';
import type { AppBridge, MirroredReport } from '../../../electron/common/ipc-contract';
import type {
  AttachmentRow,
  GoLiveDatabase,
  ReportSource,
  SignedReportRow,
} from '../../storage/database';
import { revisionKey, type KeptCopies, type MirrorBridge } from './mirror-signed-reports';

export interface RestoredReport {
  reportId: string;
  revision: number;
  /** The office or client the run was for. */
  name: string;
  /** 'restored': it was missing; 'updated': IndexedDB held it with fewer signatures. */
  change: 'restored' | 'updated';
  /** Evidence the report names that neither IndexedDB nor the copy could give back. */
  missingEvidence: number;
}

export interface DamagedCopy {
  reportId: string;
  revision: number;
  reason: string;
}

export interface ReconcileOutcome {
  restored: RestoredReport[];
  damaged: DamagedCopy[];
  /** Every readable copy and its signature count. */
  kept: KeptCopies;
}

export interface ReconcileDependencies {
  db: GoLiveDatabase;
  bridge: MirrorBridge & Partial<Pick<AppBridge, 'getSigningKey'>>;
  now?: () => Date;
}

/** The verified report in a copy, or why it cannot be restored. */
function readCopy(
  copy: MirroredReport,
): { signed: SignedReport; hash: string } | { reason: string } {
  const parsed = parseReportJson(copy.json, 'report.json');
  if (!parsed.ok) return { reason: parsed.message };
  const verification = verifyReport(parsed.value, null);
  // Without a trust list no key is vouched for; that is the one problem a copy may have.
  const problems = verification.problems.filter((problem) => problem.code !== 'no-trust-list');
  if (problems.length > 0) return { reason: problems.map((problem) => problem.message).join(' ') };
  if (verification.reportId !== copy.reportId || verification.revision !== copy.revision) {
    return { reason: 'the file holds another report or revision than its folder names.' };
  }
  if (verification.reportHash === undefined) return { reason: 'the report has no hash.' };
  return { signed: parsed.value as SignedReport, hash: verification.reportHash };
}

/** 'local' when this device's key signed it off (or the key cannot be read), else 'imported'. */
async function sourceOf(
  signed: SignedReport,
  bridge: ReconcileDependencies['bridge'],
): Promise<ReportSource> {
  if (!bridge.getSigningKey) return 'local';
  try {
    const { publicKey } = await bridge.getSigningKey();
    return signed.signatures[0]?.statement.signer.publicKey === publicKey ? 'local' : 'imported';
  } catch {
    return 'local';
  }
}

/** The evidence rows to add: what the report names, IndexedDB lacks and the copy has intact. */
async function evidenceToRestore(
  db: GoLiveDatabase,
  bridge: MirrorBridge,
  signed: SignedReport,
  restoredAt: string,
): Promise<{ rows: AttachmentRow[]; missing: number }> {
  const { reportId, revision } = signed.body;
  const rows: AttachmentRow[] = [];
  // Files the report was signed without (format 5) were never in any copy: not missing.
  const done = new Set<string>(signed.body.evidenceNotIncluded);
  let missing = 0;
  for (const section of signed.body.sections) {
    for (const item of section.items) {
      for (const ref of item.attachments) {
        if (done.has(ref.sha256)) continue;
        done.add(ref.sha256);
        if ((await db.attachments.where('sha256').equals(ref.sha256).count()) > 0) continue;
        const bytes = await bridge.readMirroredAttachment({
          reportId,
          revision,
          sha256: ref.sha256,
        });
        if (bytes === null) {
          missing += 1;
          continue;
        }
        // Filed like an imported report's evidence (review/import-report.ts): the run may be gone.
        rows.push({
          id: `${reportId}:${ref.sha256}`,
          runId: `report:${reportId}`,
          itemId: item.id,
          name: ref.name,
          mimeType: ref.mimeType,
          size: ref.size,
          sha256: ref.sha256,
          blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: ref.mimeType }),
          createdAt: restoredAt,
        });
      }
    }
  }
  return { rows, missing };
}

export async function reconcileMirror(deps: ReconcileDependencies): Promise<ReconcileOutcome> {
  const { db, bridge } = deps;
  const now = deps.now ?? (() => new Date());
  const outcome: ReconcileOutcome = { restored: [], damaged: [], kept: new Map() };
  for (const copy of await bridge.listMirroredReports()) {
    const damaged = (reason: string) =>
      outcome.damaged.push({ reportId: copy.reportId, revision: copy.revision, reason });
    try {
      const read = readCopy(copy);
      if ('reason' in read) {
        damaged(read.reason);
        continue;
      }
      const { signed, hash } = read;
      const signatures = signed.signatures.length;
      outcome.kept.set(revisionKey(copy.reportId, copy.revision), signatures);
      const existing = await db.signedReports.get([copy.reportId, copy.revision]);
      if (existing && existing.reportHash !== hash) {
        damaged('the database holds this revision with other content; the database copy is kept.');
        continue;
      }
      if (existing && existing.signed.signatures.length >= signatures) continue;

      const restoredAt = now().toISOString();
      const run = await db.runs.get(copy.reportId);
      const runId = existing?.runId ?? run?.id;
      const row: SignedReportRow = {
        reportId: copy.reportId,
        revision: copy.revision,
        reportHash: hash,
        ...(runId === undefined ? {} : { runId }),
        source: existing?.source ?? (await sourceOf(signed, bridge)),
        json: copy.json,
        signed,
        // When it was last signed, so the list keeps its order.
        storedAt: signed.signatures.at(-1)?.statement.signedAt ?? restoredAt,
      };
      const evidence = await evidenceToRestore(db, bridge, signed, restoredAt);
      await db.transaction('rw', db.signedReports, db.attachments, async () => {
        await db.signedReports.put(row);
        if (evidence.rows.length > 0) await db.attachments.bulkPut(evidence.rows);
      });
      outcome.restored.push({
        reportId: copy.reportId,
        revision: copy.revision,
        name: signed.body.run.name,
        change: existing ? 'updated' : 'restored',
        missingEvidence: evidence.missing,
      });
    } catch (error) {
      damaged(error instanceof Error ? error.message : String(error));
    }
  }
  return outcome;
}
