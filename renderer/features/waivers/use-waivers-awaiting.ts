// The waiver requests on this device that wait for a decision by this supervisor (issue 16):
// blocking items of runs this device holds (a supervisor's app pulls the runs of the offices they
// supervise through the shared-run relay), whose waiver has no decision yet and was asked by
// someone else. Live from IndexedDB, so a sync that brings a request shows it at once.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../app/services';
import type { WaiverToDecide } from './decide-waiver';

/** The office a run is for: the hub's word for a shared run, else the run's name (an office). */
export function runOfficeOf(runName: string, sharedOffice: string | undefined): string {
  return sharedOffice ?? runName;
}

export function useWaiversAwaiting(
  profile: Profile | null | undefined,
): WaiverToDecide[] | undefined {
  return useLiveQuery(async () => {
    if (!profile || profile.role !== 'supervisor') return [];
    const { db } = services;
    const requests = (await db.answers.toArray()).filter(
      (answer) => answer.waiver !== undefined && answer.waiver.decision === undefined,
    );
    const awaiting: WaiverToDecide[] = [];
    for (const answer of requests) {
      const waiver = answer.waiver;
      if (!waiver || waiver.by.id === profile.id) continue;
      const run = await db.runs.get(answer.runId);
      if (!run || run.state !== 'in-progress') continue;
      const definition = (await db.definitions.get(`${run.definitionId}@${run.definitionVersion}`))
        ?.definition;
      const item = definition?.sections
        .flatMap((section) => section.items)
        .find((candidate) => candidate.id === answer.itemId);
      if (!item || item.severity !== 'blocking') continue;
      const shared = await services.sharedRuns.get(run.id);
      awaiting.push({
        runId: run.id,
        runName: run.name,
        office: runOfficeOf(run.name, shared?.info.office),
        itemId: item.id,
        itemTitle: item.title,
        waiver,
      });
    }
    return awaiting.sort((a, b) => a.waiver.at.localeCompare(b.waiver.at));
  }, [profile?.id, profile?.role]);
}
