// Who did what on a shared run, for the sign-off (issue 13: "the PDF lists who did what, per person
// and department, items and time"), read off the signed report alone: per person and department,
// the items they finished, the events they recorded and the time timed on the items they finished.
// An item is credited to whoever gave the answer that stands: when a conflict was resolved, to the
// author of the answer kept, not to the person who chose it (the resolver's choice counts as their
// event). Without a history (a report of one device), the answer's last author is credited.
import { isResolvedStatus, type Actor } from '../runs/model';
import { actualMinutesOf } from '../runs/progress';
import type { RunEvent } from '../runs/run-event';
import { RunLog } from '../runs/run-log';
import type { ReportBody, ReportItem } from './report-format';

export interface Contribution {
  person: Pick<Actor, 'id' | 'name' | 'role'>;
  department: string;
  /** Items of the department finished (done or not applicable) with this person's answer. */
  finished: number;
  /** Events this person recorded on the department's items. */
  events: number;
  /** Minutes timed (started, then done) on the items they finished. */
  actualMinutes: number;
}

/** The event whose answer stands: a resolution stands for the answer it kept. */
function authorOf(head: RunEvent, byHash: ReadonlyMap<string, RunEvent>): RunEvent {
  let event = head;
  const seen = new Set<string>();
  while (event.type === 'resolveConflict' && !seen.has(event.hash)) {
    seen.add(event.hash);
    const keep = (event.payload.action as { keep?: unknown }).keep;
    const kept = typeof keep === 'string' ? byHash.get(keep) : undefined;
    if (!kept) break;
    event = kept;
  }
  return event;
}

export function whoDidWhat(body: ReportBody): Contribution[] {
  const items: { item: ReportItem; department: string }[] = body.sections.flatMap((section) =>
    section.items.map((item) => ({ item, department: item.department })),
  );
  const departmentOf = new Map(items.map(({ item, department }) => [item.id, department]));
  const events = body.history?.events ?? [];
  const log = body.history ? RunLog.of(body.run.id, events) : undefined;
  const byHash = new Map(events.map((event) => [event.hash, event]));

  const rows = new Map<string, Contribution>();
  const rowOf = (actor: Actor, department: string): Contribution => {
    const key = `${actor.id}\u0000${department}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        person: { id: actor.id, name: actor.name, role: actor.role },
        department,
        finished: 0,
        events: 0,
        actualMinutes: 0,
      };
      rows.set(key, row);
    }
    return row;
  };

  for (const event of events) {
    const department = departmentOf.get(event.itemId);
    if (department !== undefined) rowOf(event.actor, department).events += 1;
  }
  for (const { item, department } of items) {
    if (!isResolvedStatus(item.status)) continue;
    const head = log?.item(item.id).heads[0];
    const author = head ? authorOf(head, byHash).actor : item.updatedBy;
    if (!author) continue;
    const row = rowOf(author, department);
    row.finished += 1;
    row.actualMinutes += actualMinutesOf(item) ?? 0;
  }

  const departmentOrder = [...new Set(items.map(({ department }) => department))];
  return [...rows.values()].sort(
    (a, b) =>
      departmentOrder.indexOf(a.department) - departmentOrder.indexOf(b.department) ||
      b.finished - a.finished ||
      a.person.name.localeCompare(b.person.name),
  );
}
