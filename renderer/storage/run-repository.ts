// Runs on this device: start a run, tick its items, undo, attach evidence, and load it back with
// an integrity check. Every change is ONE IndexedDB transaction that reads the current state,
// asks the core rules (core/runs applyAction / undoLastAction), chains the event and writes the
// answer, the event and the run's updatedAt together: all or nothing, durable ('strict') before
// the promise resolves. Nothing but IndexedDB is awaited inside a transaction; hashing files and
// making thumbnails happen before it. When a new table joins a run, add it to RUN_TABLES.
import { Dexie } from 'dexie';
import type { ChecklistDefinition, ParameterValues } from '../../core/definitions/schema';
import {
  applyAction,
  chainEvent,
  isValidDate,
  undoLastAction,
  verifyAnswersAgainstEvents,
  verifyChain,
  type Action,
  type ActionError,
  type ActionErrorCode,
  type Actor,
  type Answer,
  type ChainedEvent,
  type ChainVerification,
  type EventDraft,
} from '../../core/runs';
import { MAX_ATTACHMENT_BYTES, prepareAttachment, type AttachmentFile } from './attachment-store';
import type { AttachmentRow, DefinitionRow, GoLiveDatabase, RunRow } from './database';
import { StorageFailure, toStorageError, type StorageErrorCode } from './storage-errors';

export { MAX_ATTACHMENT_BYTES };

/** Core's action errors plus what only storage can say. */
export type RunErrorCode =
  | ActionErrorCode
  | StorageErrorCode
  | 'attachment-too-large'
  | 'unknown-run'
  | 'definition-missing'
  | 'nothing-to-undo';

export interface RunError extends Omit<ActionError, 'code'> {
  code: RunErrorCode;
}

export type ApplyResult =
  { ok: true; answer: Answer; event: ChainedEvent } | { ok: false; error: RunError };

export interface LoadedRun {
  run: RunRow;
  definition: ChecklistDefinition;
  answers: Map<string, Answer>;
  events: ChainedEvent[];
  integrity: {
    chain: ChainVerification;
    /** Items whose stored answer does not match the event log (edited outside the app). */
    tamperedItems: string[];
    /** False when the stored template's hash is not the one the run pinned. */
    definitionMatches: boolean;
  };
}

export interface CreateRunInput {
  /** `${id}@${version}` of a row in db.definitions. */
  definitionKey: string;
  name: string;
  parameters: ParameterValues;
  /** 'YYYY-MM-DD'. */
  plannedGoLive: string;
}

interface RunState {
  run: RunRow;
  definition: ChecklistDefinition;
  answers: Map<string, Answer>;
  last: ChainedEvent | null;
}

export function definitionKeyOf(run: Pick<RunRow, 'definitionId' | 'definitionVersion'>): string {
  return `${run.definitionId}@${run.definitionVersion}`;
}

/** The events of one run in seq order (the [runId+seq] primary key). */
export function eventsOfRun(db: GoLiveDatabase, runId: string) {
  return db.events.where('[runId+seq]').between([runId, Dexie.minKey], [runId, Dexie.maxKey]);
}

function fail(code: RunErrorCode, message: string): { ok: false; error: RunError } {
  return { ok: false, error: { code, message } };
}

/** Returns storage failures (disk full...) as results; anything else is a bug and throws. */
async function guarded(work: () => Promise<ApplyResult>): Promise<ApplyResult> {
  try {
    return await work();
  } catch (error) {
    const storage = toStorageError(error);
    if (storage) return { ok: false, error: storage };
    throw error;
  }
}

/** The run's parameter values checked against the template (an unticked boolean is false). */
function checkParameters(
  definition: ChecklistDefinition,
  input: ParameterValues,
): { values: ParameterValues; problems: string[] } {
  const known = new Set(definition.parameters.map((p) => p.id));
  const problems = Object.keys(input)
    .filter((id) => !known.has(id))
    .map((id) => `"${id}" is not a parameter of this template`);
  const values: ParameterValues = {};
  for (const parameter of definition.parameters) {
    const value =
      parameter.type === 'boolean' ? (input[parameter.id] ?? false) : input[parameter.id];
    if (value === undefined || value === '') {
      if (parameter.required) problems.push(`"${parameter.label}" is required`);
      continue;
    }
    values[parameter.id] = value;
    const type = parameter.type === 'choice' ? 'text' : parameter.type;
    const ok =
      (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
      (type === 'boolean' && typeof value === 'boolean') ||
      (type === 'text' && typeof value === 'string');
    if (!ok) problems.push(`"${parameter.label}" must be a ${type}`);
    else if (parameter.choices && !parameter.choices.includes(String(value))) {
      problems.push(`"${parameter.label}" must be one of ${parameter.choices.join(', ')}`);
    }
  }
  return { values, problems };
}

export function createRunRepository(db: GoLiveDatabase, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const runTables = () => [db.runs, db.definitions, db.answers, db.events];

  /** Reads everything an action is judged against. Call inside a transaction. */
  async function readState(runId: string): Promise<RunState | RunError> {
    const run = await db.runs.get(runId);
    if (!run) return { code: 'unknown-run', message: 'This run does not exist on this device.' };
    const [row, answers, last] = await Promise.all([
      db.definitions.get(definitionKeyOf(run)),
      db.answers.where('runId').equals(runId).toArray(),
      eventsOfRun(db, runId).last(),
    ]);
    if (!row || row.hash !== run.definitionHash) {
      return {
        code: 'definition-missing',
        message: `The template this run was started with (${run.definitionId} ${run.definitionVersion}) is not on this device in the same version; import it again.`,
      };
    }
    return {
      run,
      definition: row.definition,
      answers: new Map(answers.map((a) => [a.itemId, a])),
      last: last ?? null,
    };
  }

  /** Chains and writes an accepted change. Call inside a transaction. */
  async function commit(state: RunState, answer: Answer, draft: EventDraft): Promise<ApplyResult> {
    const event = chainEvent(draft, state.last);
    await db.answers.put(answer);
    // add, not put: if another window appended this seq first, fail rather than overwrite it.
    await db.events.add(event);
    await db.runs.put({ ...state.run, updatedAt: draft.at });
    return { ok: true, answer, event };
  }

  async function applyInTransaction(runId: string, action: Action, actor: Actor, now: string) {
    const state = await readState(runId);
    if ('code' in state) return { ok: false as const, error: state };
    const result = applyAction(
      { definition: state.definition, run: state.run, answers: state.answers, actor, now },
      action,
    );
    if (!result.ok) return result;
    return commit(state, result.answer, result.event);
  }

  async function apply(runId: string, action: Action, actor: Actor): Promise<ApplyResult> {
    const now = clock().toISOString();
    return guarded(() =>
      db.transaction('rw', runTables(), () => applyInTransaction(runId, action, actor, now)),
    );
  }

  return {
    apply,

    async create(input: CreateRunInput, actor: Actor, now: Date = clock()): Promise<RunRow> {
      const name = input.name.trim();
      if (name === '') throw new Error('Enter the office or client name.');
      if (!isValidDate(input.plannedGoLive)) {
        throw new Error(`The planned go-live "${input.plannedGoLive}" is not a date (YYYY-MM-DD).`);
      }
      try {
        return await db.transaction('rw', db.runs, db.definitions, async () => {
          const row: DefinitionRow | undefined = await db.definitions.get(input.definitionKey);
          if (!row) throw new Error(`The template "${input.definitionKey}" is not on this device.`);
          const { values, problems } = checkParameters(row.definition, input.parameters);
          if (problems.length > 0)
            throw new Error(`Check the run's details: ${problems.join('; ')}.`);
          const createdAt = now.toISOString();
          const run: RunRow = {
            id: crypto.randomUUID(),
            definitionId: row.id,
            definitionVersion: row.version,
            definitionHash: row.hash,
            kind: row.kind,
            name,
            parameters: values,
            plannedGoLive: input.plannedGoLive,
            createdAt,
            createdBy: actor,
            state: 'in-progress',
            updatedAt: createdAt,
          };
          // The core has no 'run-created' event: the log starts with the first action on an item.
          await db.runs.add(run);
          return run;
        });
      } catch (error) {
        const storage = toStorageError(error);
        throw storage ? new StorageFailure(storage) : error;
      }
    },

    /** Newest first. */
    async list(): Promise<RunRow[]> {
      return db.runs.orderBy('updatedAt').reverse().toArray();
    },

    async load(runId: string): Promise<LoadedRun | undefined> {
      return db.transaction('r', runTables(), async () => {
        const run = await db.runs.get(runId);
        if (!run) return undefined;
        const [row, answerRows, events] = await Promise.all([
          db.definitions.get(definitionKeyOf(run)),
          db.answers.where('runId').equals(runId).toArray(),
          eventsOfRun(db, runId).toArray(),
        ]);
        if (!row) {
          throw new Error(
            `The template this run was started with (${run.definitionId} ${run.definitionVersion}) is not on this device; import it to open the run.`,
          );
        }
        const answers = new Map(answerRows.map((a) => [a.itemId, a]));
        return {
          run,
          definition: row.definition,
          answers,
          events,
          integrity: {
            chain: verifyChain(events),
            tamperedItems: verifyAnswersAgainstEvents(answers, events),
            definitionMatches: row.hash === run.definitionHash,
          },
        };
      });
    },

    /** Undoes the run's last event (undoing an undo redoes it: core/runs/undo.ts). */
    async undo(runId: string, actor: Actor): Promise<ApplyResult> {
      const now = clock().toISOString();
      return guarded(() =>
        db.transaction('rw', runTables(), async () => {
          const state = await readState(runId);
          if ('code' in state) return { ok: false as const, error: state };
          if (!state.last) return fail('nothing-to-undo', 'Nothing to undo in this run yet.');
          const result = undoLastAction({ run: state.run, actor, now }, state.last);
          if (!result.ok) return result;
          return commit(state, result.answer, result.event);
        }),
      );
    },

    async attach(
      runId: string,
      itemId: string,
      file: AttachmentFile,
      actor: Actor,
    ): Promise<ApplyResult> {
      const now = clock();
      // Hash and thumbnail first: they await non-IndexedDB promises.
      const prepared = await prepareAttachment(file, { runId, itemId }, now);
      if (!prepared.ok) return prepared;
      return guarded(() =>
        db.transaction('rw', [...runTables(), db.attachments], async () => {
          const action: Action = { type: 'attach', itemId, attachment: prepared.ref };
          const result = await applyInTransaction(runId, action, actor, now.toISOString());
          if (result.ok) await db.attachments.add(prepared.row);
          return result;
        }),
      );
    },

    /**
     * Removes the reference from the item. The bytes stay: the event log still names them, and
     * undoing the detach must bring the file back.
     */
    async detach(
      runId: string,
      itemId: string,
      attachmentId: string,
      actor: Actor,
    ): Promise<ApplyResult> {
      return apply(runId, { type: 'detach', itemId, attachmentId }, actor);
    },

    async getAttachment(id: string): Promise<AttachmentRow | undefined> {
      return db.attachments.get(id);
    },
  };
}

export type RunRepository = ReturnType<typeof createRunRepository>;
