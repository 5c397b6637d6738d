// Who an item is for on a shared run. Items belong to the department the template gives them; the
// run's owner (the coordinator of a client onboarding, the local ICT administrator of a new office)
// can hand one to another department, or to one person, with an `assign` action. The assignment is
// part of the item's answer, so it travels, merges and verifies like every other change to the item:
// two concurrent changes of the same item that disagree (two reassignments, or a reassignment and a
// tick nobody had seen) are a conflict for a person to resolve (merge.ts).
import type { ChecklistDefinition } from '../definitions/schema';
import type { ActionError } from './actions';
import { actionError } from './actions';
import type { Actor, Answer, AnswerMap, Assignment } from './model';
import type { ItemRef } from './visibility';
import { departmentTitle } from './visibility';

/** Roles that may own a run, and so reassign its items (the hub also checks the run's owner). */
export const ASSIGNING_ROLES: readonly Actor['role'][] = ['admin', 'coordinator'];

export interface AssignAction {
  type: 'assign';
  itemId: string;
  /** The department whose item it becomes. */
  department: string;
  /** One person of the hub (their hub user id and name), or none: the whole department. */
  person?: { id: string; name: string };
}

/** The department an item is for now: its assignment, else the template's. */
export function assignedDepartment(
  ref: Pick<ItemRef, 'department'>,
  answer: Pick<Answer, 'assignee'> | undefined,
): string {
  return answer?.assignee?.department ?? ref.department;
}

/** Who "My items" are for: the hub user id and the departments of this user. */
export interface ItemOwner {
  userId?: string;
  departments: readonly string[];
}

/**
 * Whether the item is this user's: assigned to them by name, or (assigned to nobody by name) of one
 * of their departments.
 */
export function isMyItem(
  ref: Pick<ItemRef, 'department'>,
  answer: Pick<Answer, 'assignee'> | undefined,
  me: ItemOwner,
): boolean {
  const person = answer?.assignee?.person;
  if (person) return me.userId !== undefined && person.id === me.userId;
  return me.departments.includes(assignedDepartment(ref, answer));
}

/** The ids of the visible items that are this user's. */
export function myItemIds(
  visible: readonly ItemRef[],
  answers: AnswerMap,
  me: ItemOwner,
): Set<string> {
  return new Set(
    visible.filter((ref) => isMyItem(ref, answers.get(ref.item.id), me)).map((ref) => ref.item.id),
  );
}

const PERSON_ID_LIMIT = 200;
const PERSON_NAME_LIMIT = 500;

/**
 * The assignment an `assign` action leaves on `current`, or why it is refused. Back to the
 * template's department with nobody named clears the assignment, so the answer has one shape.
 */
export function assignStep(
  definition: ChecklistDefinition,
  ref: ItemRef,
  current: Answer,
  action: AssignAction,
  actor: Actor,
): Answer | ActionError {
  if (!ASSIGNING_ROLES.includes(actor.role)) {
    return actionError(
      'assign-refused',
      `Only the run's owner (an administrator or coordinator) reassigns items; you are signed in as ${actor.role}.`,
    );
  }
  const department = typeof action.department === 'string' ? action.department : '';
  if (!definition.departments.some((d) => d.id === department)) {
    return actionError(
      'assign-refused',
      `There is no department "${department}" in this checklist: choose one of ${definition.departments.map((d) => d.id).join(', ')}.`,
    );
  }
  let person: Assignment['person'];
  if (action.person !== undefined) {
    const id = typeof action.person?.id === 'string' ? action.person.id : '';
    const name = typeof action.person?.name === 'string' ? action.person.name.trim() : '';
    if (
      id === '' ||
      id.length > PERSON_ID_LIMIT ||
      name === '' ||
      name.length > PERSON_NAME_LIMIT
    ) {
      return actionError(
        'assign-refused',
        'The person to assign needs an id and a name (at most 200 and 500 characters).',
      );
    }
    person = { id, name };
  }
  const assignee: Assignment | undefined =
    department === ref.department && !person
      ? undefined
      : person
        ? { department, person }
        : { department };
  const same =
    assignedDepartment(ref, current) === department && current.assignee?.person?.id === person?.id;
  if (same) {
    const who = person
      ? `${person.name} (${departmentTitle(definition, department)})`
      : departmentTitle(definition, department);
    return actionError('assign-refused', `"${ref.item.title}" is already assigned to ${who}.`);
  }
  return { ...current, assignee };
}
