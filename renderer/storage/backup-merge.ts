// Merges a validated backup into this device's database in ONE transaction, never losing work
// from either side: a run missing here is restored; a run on both sides gets the union of both
// histories (merge-run-events.ts: every device's events, the answers they merge to; what both
// changed concurrently shows as a conflict in the run for a person to resolve). Events of version
// 1 and 2 files (one log per run) go into the chain that holds the same log here, if any.
// Templates: missing ones are added; the same version with another hash is a conflict.
// Signed reports (never changed, only added): a missing revision is added when its run is on this
// device as the backup has it (so a run in progress here becomes signed only when the backup's log
// extends this device's: the run rules above decide); the same revision with the same hash is
// skipped, or gains the signatures the backup's copy adds (a countersign); with another hash it is
// a conflict. Trusted keys: a union; a key listed differently is a conflict. Outbox: entries come
// only with the reports this restore adds (a sent one stays sent, with its receipt), and a sent
// entry in the backup marks this device's waiting entry for the same report as sent, so a report
// the hub already has is not pushed again.
import { canonicalJson, type RunEvent } from '../../core/runs';
import { keyFingerprint } from '../../core/reports';
import type { Signature, TrustedKey } from '../../core/reports/report-format';
import type { OutboxEntry } from './backup-format';
import type { ValidatedBackup } from './backup-validate';
import { LEGACY_CHAIN } from './backup-format';
import type { GoLiveDatabase, OutboxRow, SignedReportRow } from './database';
import { mergeRunEvents } from './merge-run-events';
import { eventsOfRun } from './run-events';
import { definitionKeyOf } from './run-repository';

export interface RestoreReport {
  restoredRuns: string[];
  skipped: { runId: string; name: string; reason: string }[];
  conflicts: { what: string; reason: string }[];
  definitionsAdded: number;
  attachments: number;
  /** Signed report revisions added, or given the further signatures the backup's copy has. */
  signedReportsRestored: number;
  trustedKeysAdded: number;
}

/**
 * A backup's single-log events (LEGACY_CHAIN) belong to the chain that already holds that log here
 * (format-1 hashes do not cover the chain, so the same event has the same hash in any chain); on a
 * device that never had the run they get a chain named after the run.
 */
function placeLegacyEvents(backupEvents: RunEvent[], localEvents: readonly RunEvent[]): RunEvent[] {
  const legacy = backupEvents.filter((event) => event.chain === LEGACY_CHAIN);
  if (legacy.length === 0) return backupEvents;
  const first = legacy.find((event) => event.seq === 1);
  const holder = localEvents.find((event) => event.seq === 1 && event.hash === first?.hash);
  const chain = holder?.chain ?? `${LEGACY_CHAIN}-${first?.runId ?? 'run'}`;
  return backupEvents.map((event) => (event.chain === LEGACY_CHAIN ? { ...event, chain } : event));
}

function sameEventSet(a: readonly RunEvent[], b: readonly RunEvent[]): boolean {
  if (a.length !== b.length) return false;
  const hashes = new Set(a.map((event) => `${event.chain}/${event.hash}`));
  return b.every((event) => hashes.has(`${event.chain}/${event.hash}`));
}

/** Whether `longer` holds every signature of `shorter`, in the same order, and more. */
function addsSignatures(shorter: readonly Signature[], longer: readonly Signature[]): boolean {
  return (
    longer.length > shorter.length &&
    shorter.every((signature, i) => canonicalJson(signature) === canonicalJson(longer[i]))
  );
}

function reportLabel(row: SignedReportRow): string {
  return `signed report "${row.signed.body.run.name}" revision ${row.revision} (${row.reportId})`;
}

const KEY_FIELDS = ['name', 'role', 'office', 'supervises', 'revokedAt'] as const;

function keyDifferences(local: TrustedKey, backup: TrustedKey): string[] {
  return KEY_FIELDS.filter(
    (field) => JSON.stringify(local[field]) !== JSON.stringify(backup[field]),
  ).map((field) =>
    field === 'name' || field === 'role'
      ? `${field} ${JSON.stringify(local[field])} here, ${JSON.stringify(backup[field])} in the backup`
      : `${field} differs`,
  );
}

async function mergeTrustedKeys(
  db: GoLiveDatabase,
  keys: readonly TrustedKey[],
  report: RestoreReport,
): Promise<void> {
  for (const key of keys) {
    const local = await db.trustedKeys.get(key.publicKey);
    if (!local) {
      await db.trustedKeys.add(key);
      report.trustedKeysAdded += 1;
      continue;
    }
    const differences = keyDifferences(local, key);
    if (differences.length > 0) {
      report.conflicts.push({
        what: `trusted key of ${local.name} (${keyFingerprint(key.publicKey) ?? key.publicKey})`,
        reason: `This device lists it differently (${differences.join('; ')}); kept this device's.`,
      });
    }
  }
}

/** The same revision here and in the backup: keep this device's, or add the backup's signatures. */
async function mergeCopies(
  db: GoLiveDatabase,
  local: SignedReportRow,
  row: SignedReportRow,
  report: RestoreReport,
): Promise<void> {
  const here = local.signed.signatures;
  const there = row.signed.signatures;
  if (local.reportHash !== row.reportHash) {
    report.conflicts.push({
      what: reportLabel(row),
      reason: `This device holds another report under the same revision (hash ${local.reportHash.slice(0, 12)}… here, ${row.reportHash.slice(0, 12)}… in the backup); kept this device's.`,
    });
  } else if (addsSignatures(here, there)) {
    // A countersign or send-back made elsewhere: signatures cannot be recreated, so keep them.
    await db.signedReports.put({ ...local, json: row.json, signed: row.signed });
    report.signedReportsRestored += 1;
  } else if (!addsSignatures(there, here) && canonicalJson(here) !== canonicalJson(there)) {
    report.conflicts.push({
      what: reportLabel(row),
      reason: `This device's copy and the backup's were signed differently after the sign-off (${here.length} signatures here, ${there.length} in the backup); kept this device's.`,
    });
  } // else: the same copy, or this device's has more signatures: nothing to do.
}

/** Returns the keys (`reportId@revision`) of the revisions added to this device. */
async function mergeSignedReports(
  db: GoLiveDatabase,
  rows: readonly SignedReportRow[],
  runsAsInBackup: ReadonlySet<string>,
  report: RestoreReport,
): Promise<Set<string>> {
  const added = new Set<string>();
  for (const row of rows) {
    const local = await db.signedReports.get([row.reportId, row.revision]);
    if (local) {
      await mergeCopies(db, local, row, report);
    } else if (row.runId !== undefined && !runsAsInBackup.has(row.runId)) {
      report.conflicts.push({
        what: reportLabel(row),
        reason:
          "Not restored: its run was not restored from the backup (see the run's entry), so the run on this device does not end in this sign-off. The report stays in the backup file.",
      });
    } else {
      await db.signedReports.add(row);
      added.add(`${row.reportId}@${row.revision}`);
      report.signedReportsRestored += 1;
    }
  }
  return added;
}

/** This device's waiting entry, now known to be delivered (the backup's entry is sent). */
function markedSent(local: OutboxRow, sent: OutboxEntry): OutboxRow {
  const { nextAttemptAt: _next, lastError: _error, ...rest } = local;
  const row: OutboxRow = {
    ...rest,
    state: 'sent',
    attempts: Math.max(local.attempts, sent.attempts),
  };
  if (sent.sentAt !== undefined) row.sentAt = sent.sentAt;
  if (sent.receipt !== undefined) row.receipt = sent.receipt;
  if (sent.lastAttemptAt !== undefined) row.lastAttemptAt = sent.lastAttemptAt;
  return row;
}

async function mergeOutbox(
  db: GoLiveDatabase,
  entries: readonly OutboxEntry[],
  addedReports: ReadonlySet<string>,
): Promise<void> {
  for (const entry of entries) {
    const local = await db.outbox.where('[kind+key]').equals([entry.kind, entry.key]).toArray();
    if (local.length === 0) {
      // Never queue a report this device already had: its own outbox says where that one stands.
      if (addedReports.has(entry.key)) await db.outbox.add({ ...entry });
      continue;
    }
    if (entry.state !== 'sent') continue;
    for (const row of local) if (row.state !== 'sent') await db.outbox.put(markedSent(row, entry));
  }
}

export async function mergeBackup(
  db: GoLiveDatabase,
  backup: ValidatedBackup,
): Promise<RestoreReport> {
  const tables = [
    db.profile,
    db.definitions,
    db.runs,
    db.answers,
    db.runEvents,
    db.attachments,
    db.signedReports,
    db.outbox,
    db.trustedKeys,
  ];
  return db.transaction('rw', tables, async () => {
    const report: RestoreReport = {
      restoredRuns: [],
      skipped: [],
      conflicts: [],
      definitionsAdded: 0,
      attachments: 0,
      signedReportsRestored: 0,
      trustedKeysAdded: 0,
    };

    const localProfile = (await db.profile.toArray())[0];
    if (backup.profile && !localProfile) await db.profile.add(backup.profile);
    else if (backup.profile && localProfile && localProfile.id !== backup.profile.id) {
      report.conflicts.push({
        what: 'profile',
        reason: `This device already has a profile (${localProfile.name}); kept it rather than the backup's (${backup.profile.name}).`,
      });
    }

    for (const row of backup.definitions) {
      const local = await db.definitions.get(row.key);
      if (!local) {
        await db.definitions.add(row);
        report.definitionsAdded += 1;
      } else if (local.hash !== row.hash) {
        report.conflicts.push({
          what: `template ${row.key}`,
          reason: `This device has another text under the same version (hash ${local.hash.slice(0, 12)}… here, ${row.hash.slice(0, 12)}… in the backup); kept this device's.`,
        });
      }
    }

    await mergeTrustedKeys(db, backup.trustedKeys, report);

    /** Runs this device now holds exactly as the backup does. */
    const runsAsInBackup = new Set<string>();
    for (const bundle of backup.runs) {
      const { run } = bundle;
      const template = await db.definitions.get(definitionKeyOf(run));
      if (template?.hash !== run.definitionHash) {
        const reason = `Its template ${definitionKeyOf(run)} differs on this device; restore it after resolving the template conflict.`;
        report.skipped.push({ runId: run.id, name: run.name, reason });
        continue;
      }
      const local = await db.runs.get(run.id);
      const localEvents = local ? await eventsOfRun(db, run.id).toArray() : [];
      const events = placeLegacyEvents(bundle.events, localEvents);
      if (!local) {
        await db.runs.put(run);
        await db.answers.bulkPut(bundle.answers);
        await db.runEvents.bulkPut(events);
        await db.attachments.bulkPut(bundle.attachments);
        runsAsInBackup.add(run.id);
        report.restoredRuns.push(run.id);
        report.attachments += bundle.attachments.length;
        continue;
      }
      const latest = local.updatedAt > run.updatedAt ? local.updatedAt : run.updatedAt;
      const merged = await mergeRunEvents(db, local, events, latest);
      for (const rejected of merged.rejected) {
        report.conflicts.push({
          what: `run "${run.name}" (${run.id}), event ${rejected.seq} of device ${rejected.chain}`,
          reason: `${rejected.reason} Kept this device's.`,
        });
      }
      const asInBackup = sameEventSet(merged.log.events(), events);
      const becomesSigned = asInBackup && local.state !== run.state;
      if (merged.added.length === 0 && !becomesSigned) {
        report.skipped.push({
          runId: run.id,
          name: run.name,
          reason: asInBackup
            ? 'Already on this device, unchanged.'
            : 'This device already holds everything the backup has of it (and more).',
        });
      } else if (merged.added.length === 0) {
        report.restoredRuns.push(run.id);
      } else {
        // The evidence the backup's events name (same id, same verified bytes as any copy here).
        await db.attachments.bulkPut(bundle.attachments);
        report.restoredRuns.push(run.id);
        report.attachments += bundle.attachments.length;
      }
      if (asInBackup) {
        // The histories are the same: the backup's run state (signed or not) is this run's.
        if (becomesSigned) {
          const current = (await db.runs.get(run.id)) ?? local;
          await db.runs.put({
            ...current,
            state: run.state,
            logVersion: (current.logVersion ?? 0) + 1,
          });
        }
        runsAsInBackup.add(run.id);
      }
    }

    const added = await mergeSignedReports(db, backup.signedReports, runsAsInBackup, report);
    await mergeOutbox(db, backup.outbox, added);
    return report;
  });
}
