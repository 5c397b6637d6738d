// The shared run as a team sees it (seed 001: a chain of engineering departments, each on its own
// laptops, governed by a coordinator). "My items": the items of my departments. "Ready for you":
// my unresolved items whose every dependency is now resolved, where the last of them was resolved
// on another device (a hand-off across laptops). The chain: per department, where it stands, whom
// it waits on, its last activity, its time against the estimate (expect twice as long, seed 002)
// and its due date from the plan. All derived from the merged history; nothing stored. An item the
// owner reassigned (assignment.ts) counts for its new department, and for its person if named.
import type { ChecklistDefinition } from '../definitions/schema';
import { assignedDepartment, isMyItem, type ItemOwner } from './assignment';
import { unresolvedDependencies } from './dependencies';
import type { Actor, Answer, AnswerMap, Run } from './model';
import { isResolvedStatus } from './model';
import { actualMinutesOf } from './progress';
import type { RunEvent } from './run-event';
import type { RunLog } from './run-log';
import type { ItemRef, RunVisibility } from './visibility';
import { departmentTitle, runVisibility } from './visibility';

/**
 * The visible items owned by any of `departments` (as reassigned by the run's owner, when `answers`
 * are given), in definition order.
 */
export function itemsOfDepartments(
  visibility: RunVisibility,
  departments: readonly string[],
  answers?: AnswerMap,
): ItemRef[] {
  const mine = new Set(departments);
  return visibility.visible.filter((ref) =>
    mine.has(assignedDepartment(ref, answers?.get(ref.item.id))),
  );
}

export interface ReadyItem {
  itemId: string;
  title: string;
  department: string;
  /** Who resolved the last dependency, on another device, and when. */
  unblockedBy: Actor;
  unblockedAt: string;
}

/** The last event on `itemId` that left it resolved, if it is resolved now. */
function resolvingEvent(log: RunLog, itemId: string): RunEvent | undefined {
  const head = log.item(itemId).heads[0];
  const answer = head?.payload.after as Answer | undefined;
  return answer && isResolvedStatus(answer.status) ? head : undefined;
}

export function readyForYou(
  definition: ChecklistDefinition,
  run: Pick<Run, 'parameters'>,
  log: RunLog,
  me: ItemOwner & { chain: string },
): ReadyItem[] {
  const visibility = runVisibility(definition, run);
  const answers = log.answers();
  const ready: ReadyItem[] = [];
  for (const ref of visibility.visible) {
    if (!isMyItem(ref, answers.get(ref.item.id), me)) continue;
    const { item } = ref;
    if (item.dependsOn.length === 0 || isResolvedStatus(answers.get(item.id)?.status)) continue;
    if (unresolvedDependencies(definition, visibility, answers, item.id).length > 0) continue;
    const resolutions = item.dependsOn
      .map((id) => resolvingEvent(log, id))
      .filter((event): event is RunEvent => event !== undefined)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const last = resolutions.at(-1);
    if (!last || last.chain === me.chain) continue;
    ready.push({
      itemId: item.id,
      title: item.title,
      department: assignedDepartment(ref, answers.get(item.id)),
      unblockedBy: last.actor,
      unblockedAt: last.at,
    });
  }
  return ready;
}

export type DepartmentState = 'done' | 'blocked' | 'waiting' | 'in-progress' | 'not-started';

export interface DepartmentLink {
  department: string;
  title: string;
  /** How many of this department's items wait on that department. */
  items: number;
}

export interface DepartmentStatus {
  department: string;
  title: string;
  state: DepartmentState;
  total: number;
  resolved: number;
  blocked: number;
  /** Departments whose unresolved items this one's unresolved items depend on. */
  waitingOn: DepartmentLink[];
  /** The last event on any of its items (ISO 8601), or undefined when none yet. */
  lastActivityAt?: string;
  estimateMinutes: number;
  /** Timed items only (started, then done). */
  actualMinutes: number;
  /** Actual time over the estimate of the timed items; over 2 breaks "expect twice as long". */
  actualToEstimate: number | null;
  /** From the owner's plan ('YYYY-MM-DD'). */
  due?: string;
  /** Not done and past its due date on `today`. */
  isLate: boolean;
}

function stateOf(
  total: number,
  resolved: number,
  blocked: number,
  started: boolean,
  waiting: boolean,
): DepartmentState {
  if (total > 0 && resolved === total) return 'done';
  if (blocked > 0) return 'blocked';
  if (started) return 'in-progress';
  return waiting ? 'waiting' : 'not-started';
}

export function departmentChain(
  definition: ChecklistDefinition,
  run: Pick<Run, 'parameters'>,
  log: RunLog,
  plan: Readonly<Record<string, string>>,
  today: string,
): DepartmentStatus[] {
  const visibility = runVisibility(definition, run);
  const answers: AnswerMap = log.answers();
  const byDepartment = new Map<string, ItemRef[]>();
  for (const ref of visibility.visible) {
    const department = assignedDepartment(ref, answers.get(ref.item.id));
    const list = byDepartment.get(department) ?? [];
    list.push(ref);
    byDepartment.set(department, list);
  }
  const order = definition.departments.map((d) => d.id).filter((id) => byDepartment.has(id));
  return order.map((department) => {
    const refs = byDepartment.get(department) ?? [];
    let resolved = 0;
    let blocked = 0;
    let started = false;
    let estimateMinutes = 0;
    let actualMinutes = 0;
    let timedEstimate = 0;
    let lastActivityAt: string | undefined;
    const waitsOn = new Map<string, number>();
    for (const ref of refs) {
      const answer = answers.get(ref.item.id);
      const status = answer?.status ?? 'open';
      estimateMinutes += ref.item.estimateMinutes ?? 0;
      if (isResolvedStatus(status)) resolved += 1;
      if (status === 'blocked') blocked += 1;
      if (answer && (answer.startedAt || status !== 'open')) started = true;
      const actual = answer ? actualMinutesOf(answer) : undefined;
      if (actual !== undefined) {
        actualMinutes += actual;
        timedEstimate += ref.item.estimateMinutes ?? 0;
      }
      for (const event of log.eventsOfItem(ref.item.id)) {
        if (!lastActivityAt || event.at > lastActivityAt) lastActivityAt = event.at;
      }
      if (isResolvedStatus(status)) continue;
      for (const dep of unresolvedDependencies(definition, visibility, answers, ref.item.id)) {
        const other = assignedDepartment(dep, answers.get(dep.item.id));
        if (other !== department) waitsOn.set(other, (waitsOn.get(other) ?? 0) + 1);
      }
    }
    const due = plan[department];
    const state = stateOf(refs.length, resolved, blocked, started, waitsOn.size > 0);
    return {
      department,
      title: departmentTitle(definition, department),
      state,
      total: refs.length,
      resolved,
      blocked,
      waitingOn: [...waitsOn].map(([id, items]) => ({
        department: id,
        title: departmentTitle(definition, id),
        items,
      })),
      ...(lastActivityAt ? { lastActivityAt } : {}),
      estimateMinutes,
      actualMinutes: Math.round(actualMinutes),
      actualToEstimate:
        timedEstimate > 0 ? Math.round((actualMinutes / timedEstimate) * 100) / 100 : null,
      ...(due ? { due } : {}),
      isLate: due !== undefined && state !== 'done' && today > due,
    };
  });
}
