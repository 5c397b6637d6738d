// The run model: one go-live being checked (a run) and the administrator's answers to its items.
// Plain data only, so it stores in IndexedDB, hashes canonically and travels to the hub unchanged.
// When changing a shape here, also update: the event chain (core/runs/event-chain.ts hashes these
// objects), the renderer's storage schema and the sign-off report.
import type { DefinitionKind, ParameterValues } from '../definitions/schema';
import type { WaiverDecision } from './waiver-decision';

/**
 * Who people are to a run: the local ICT administrator (owns a new office's run), a supervisor, the
 * global head of ICT, an engineer of one or more departments (works on a shared run), and a
 * coordinator (the technical account manager who owns a client onboarding's run).
 */
export const ACTOR_ROLES = ['admin', 'supervisor', 'head', 'engineer', 'coordinator'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Who did something. Passed in by the app; the core never looks anyone up. */
export interface Actor {
  id: string;
  name: string;
  role: ActorRole;
}

export type RunState = 'in-progress' | 'signed';

export interface Run {
  id: string;
  definitionId: string;
  definitionVersion: string;
  /** Hash of the definition file the run was started against (proves which template was used). */
  definitionHash: string;
  kind: DefinitionKind;
  /** The office or the client. */
  name: string;
  parameters: ParameterValues;
  /** 'YYYY-MM-DD'. */
  plannedGoLive: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
  createdBy: Actor;
  /** A signed run is frozen: every action is refused. */
  state: RunState;
}

export type ItemStatus = 'open' | 'done' | 'not-applicable' | 'blocked';

export const ITEM_STATUSES: readonly ItemStatus[] = ['open', 'done', 'not-applicable', 'blocked'];

/** A recorded value, discriminated by the item's type. Check items have no value. */
export type AnswerValue =
  | { type: 'number'; value: number }
  /** "Two of everything": every leg is named (ISP names, switch names), so a count can be checked. */
  | { type: 'count'; legs: string[] }
  | { type: 'choice'; choiceId: string }
  | { type: 'text'; text: string }
  /** 'YYYY-MM-DD'. */
  | { type: 'date'; date: string };

export type ValueType = AnswerValue['type'];

/** Evidence attached to an answer; the bytes live in the app's attachment store, keyed by sha256. */
export interface AttachmentRef {
  id: string;
  name: string;
  mimeType: string;
  /** Bytes. */
  size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
}

/** A request to go live without a blocking item; it counts once a supervisor approved it. */
export interface Waiver {
  justification: string;
  by: Actor;
  /** ISO 8601 timestamp. */
  at: string;
  /** The supervisor's signed decision (waiver-decision.ts); absent while it waits for one. */
  decision?: WaiverDecision;
}

/**
 * A done item whose value fails its rule (1 of 2 ISP lines, 75 % against a minimum of 90 %), marked
 * done anyway as a conscious choice: why, which failure was accepted, who and when. Cleared when the
 * item leaves done or its value stops failing. Not a waiver: a failing blocking item still holds
 * the gate until it is waived.
 */
export interface AcceptedFailure {
  reason: string;
  /** The failure as it read when it was accepted, e.g. "1 of 2 ISP lines named." */
  failure: string;
  by: Actor;
  /** ISO 8601 timestamp. */
  at: string;
}

/**
 * An item handed by the run's owner to another department, or to one person of the hub (assignment.ts).
 * Absent: the item is the template's department's.
 */
export interface Assignment {
  department: string;
  person?: { id: string; name: string };
}

export interface Answer {
  runId: string;
  itemId: string;
  status: ItemStatus;
  value?: AnswerValue;
  /** Why the item is not applicable or blocked; only kept in those two states. */
  reason?: string;
  /** Change items: how to undo the change. Required before the item can be done. */
  rollbackPlan?: string;
  notes?: string;
  /** Blocking items only: accepted as not ready, with a justification. */
  waiver?: Waiver;
  /** Done although its value fails the item's rule, with the reason (see AcceptedFailure). */
  acceptedFailure?: AcceptedFailure;
  attachments: AttachmentRef[];
  /** First time the item left 'open' or its timer was started. */
  startedAt?: string;
  /** When it became done or not applicable; cleared when reopened or blocked. */
  finishedAt?: string;
  updatedAt: string;
  updatedBy: Actor;
  /**
   * Set when a done / not-applicable item is reopened or blocked: the done items that were built
   * on it (its dependants, transitively), to be checked again. Cleared when it is resolved again.
   */
  recheck?: string[];
  /** Who the item is for, when the owner reassigned it (see Assignment). */
  assignee?: Assignment;
}

/** Read-only answers of one run, keyed by item id. A missing answer means the item is open. */
export type AnswerMap = ReadonlyMap<string, Answer>;

/** Limits on free text in answers, so a pasted log cannot bloat the store or the report. */
export const ANSWER_LIMITS = {
  reason: 4_000,
  notes: 20_000,
  rollbackPlan: 20_000,
  text: 20_000,
  justification: 4_000,
  countLegs: 1_000,
  legName: 200,
  attachments: 100,
  attachmentName: 255,
} as const;

/** A fresh answer for an item nobody has touched yet. */
export function openAnswer(runId: string, itemId: string, actor: Actor, now: string): Answer {
  return { runId, itemId, status: 'open', attachments: [], updatedAt: now, updatedBy: actor };
}

/** Done and not applicable both resolve an item. */
export function isResolvedStatus(status: ItemStatus | undefined): boolean {
  return status === 'done' || status === 'not-applicable';
}
