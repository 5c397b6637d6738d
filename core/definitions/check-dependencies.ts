// Semantic checks on dependsOn: every target is an item of this file, an item does not depend on
// itself or list a target twice, and the dependencies have no cycle (each cycle is reported once,
// with its path, at the dependsOn entry that closes it).
import { locatedItems, type CheckContext, type LocatedItem } from './check-context';
import type { NodePath } from './problem';
import { didYouMean } from './shape-problems';

/** Enough to fix a tangle without flooding the output. */
const MAX_REPORTED_CYCLES = 10;

export function checkDependencies(context: CheckContext): void {
  const items = locatedItems(context.definition);
  const byId = new Map<string, LocatedItem>();
  for (const located of items) if (!byId.has(located.item.id)) byId.set(located.item.id, located);
  const itemIds = [...byId.keys()];

  for (const { item, path } of items) {
    const listed = new Set<string>();
    item.dependsOn.forEach((target, index) => {
      const at = [...path, 'dependsOn', index];
      if (target === item.id) {
        context.report(
          at,
          `item "${item.id}" depends on itself: remove "${target}" from its dependsOn`,
        );
      } else if (!byId.has(target)) {
        context.report(
          at,
          `item "${item.id}" depends on "${target}", which is not an item in this file: fix the id or remove it${didYouMean(target, itemIds)}`,
        );
      } else if (listed.has(target)) {
        context.report(at, `item "${item.id}" lists "${target}" twice in dependsOn: remove one`);
      }
      listed.add(target);
    });
  }
  reportCycles(context, byId);
}

interface Frame {
  id: string;
  next: number;
}

/** Iterative depth-first search (no recursion, so long chains cannot overflow the stack). */
function reportCycles(context: CheckContext, byId: ReadonlyMap<string, LocatedItem>): void {
  const targetsOf = (id: string): string[] =>
    (byId.get(id)?.item.dependsOn ?? []).filter((target) => target !== id && byId.has(target));
  const finished = new Set<string>();
  const reported = new Set<string>();
  for (const start of byId.keys()) {
    if (finished.has(start)) continue;
    const stack: Frame[] = [{ id: start, next: 0 }];
    const onStack = new Map<string, number>([[start, 0]]);
    while (stack.length > 0 && reported.size < MAX_REPORTED_CYCLES) {
      const frame = stack[stack.length - 1] as Frame;
      const targets = targetsOf(frame.id);
      if (frame.next >= targets.length) {
        stack.pop();
        onStack.delete(frame.id);
        finished.add(frame.id);
        continue;
      }
      const target = targets[frame.next] as string;
      frame.next += 1;
      const cycleStart = onStack.get(target);
      if (cycleStart !== undefined) {
        const cycle = stack.slice(cycleStart).map((entry) => entry.id);
        const key = [...cycle].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          const located = byId.get(frame.id) as LocatedItem;
          const at: NodePath = [
            ...located.path,
            'dependsOn',
            located.item.dependsOn.indexOf(target),
          ];
          context.report(
            at,
            `dependency cycle: ${formatCycle([...cycle, target])}: remove one of these dependsOn entries`,
          );
        }
      } else if (!finished.has(target)) {
        onStack.set(target, stack.length);
        stack.push({ id: target, next: 0 });
      }
    }
  }
}

/** "a -> b -> c -> a"; a long cycle shows its ends: "a -> b -> … 2990 more … -> z -> a". */
function formatCycle(ids: readonly string[]): string {
  if (ids.length <= 12) return ids.join(' -> ');
  const hidden = ids.length - 10;
  return [...ids.slice(0, 5), `… ${hidden} more …`, ...ids.slice(-5)].join(' -> ');
}
