// Merges a validated backup into this device's database in ONE transaction, never silently losing
// local work: a run missing here is restored; a run that is newer here is kept and reported; a run
// that is older here is replaced only when the backup's event log extends this device's log
// (same hashes up to this device's last event), otherwise it is a conflict and is kept.
// Templates: missing ones are added; the same version with another hash is a conflict.
import type { ChainedEvent } from '../../core/runs';
import type { ValidatedBackup, RunBundle } from './backup-validate';
import type { GoLiveDatabase, RunRow } from './database';
import { definitionKeyOf, eventsOfRun } from './run-repository';

export interface RestoreReport {
  restoredRuns: string[];
  skipped: { runId: string; name: string; reason: string }[];
  conflicts: { what: string; reason: string }[];
  definitionsAdded: number;
  attachments: number;
}

type Decision = { kind: 'restore' | 'replace' } | { kind: 'skip' | 'conflict'; reason: string };

function describe(run: RunRow, events: readonly ChainedEvent[]): string {
  return `${events.length} events, last change ${run.updatedAt}`;
}

/** What to do with one run of the backup, given this device's copy of it. */
export function decide(
  local: RunRow | undefined,
  localEvents: ChainedEvent[],
  backup: RunBundle,
): Decision {
  if (!local) return { kind: 'restore' };
  const localTime = Date.parse(local.updatedAt);
  const backupTime = Date.parse(backup.run.updatedAt);
  const isPrefix = localEvents.every((event, i) => backup.events[i]?.hash === event.hash);
  if (isPrefix && localEvents.length === backup.events.length && localTime === backupTime) {
    return { kind: 'skip', reason: 'Already on this device, unchanged.' };
  }
  if (localTime > backupTime || localEvents.length > backup.events.length) {
    return {
      kind: 'skip',
      reason: `This device has newer changes (${describe(local, localEvents)}) than the backup (${describe(backup.run, backup.events)}); kept this device's version.`,
    };
  }
  if (!isPrefix) {
    return {
      kind: 'conflict',
      reason: `This device and the backup both changed it since they parted (this device: ${describe(local, localEvents)}; backup: ${describe(backup.run, backup.events)}); kept this device's version.`,
    };
  }
  return { kind: 'replace' };
}

export async function mergeBackup(
  db: GoLiveDatabase,
  backup: ValidatedBackup,
): Promise<RestoreReport> {
  const tables = [db.profile, db.definitions, db.runs, db.answers, db.events, db.attachments];
  return db.transaction('rw', tables, async () => {
    const report: RestoreReport = {
      restoredRuns: [],
      skipped: [],
      conflicts: [],
      definitionsAdded: 0,
      attachments: 0,
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
      const decision = decide(local, localEvents, bundle);
      if (decision.kind === 'skip')
        report.skipped.push({ runId: run.id, name: run.name, reason: decision.reason });
      if (decision.kind === 'conflict')
        report.conflicts.push({ what: `run "${run.name}" (${run.id})`, reason: decision.reason });
      if (decision.kind !== 'restore' && decision.kind !== 'replace') continue;
      await db.answers.where('runId').equals(run.id).delete();
      await db.answers.bulkPut(bundle.answers);
      await db.events.bulkPut(bundle.events);
      await db.attachments.bulkPut(bundle.attachments);
      await db.runs.put(run);
      report.restoredRuns.push(run.id);
      report.attachments += bundle.attachments.length;
    }
    return report;
  });
}
