// Runs on this device: start a run, tick its items, undo, attach evidence, take in other devices'
// events, and load it back with an integrity check. A run's history is every device's chain of
// events (core/runs/run-log.ts); this device writes its own chain. The open run stays in memory
// (its merged log, template and run row), so a tick reads nothing but the run row, inside its ONE
// IndexedDB transaction: it checks the stored row is the one the memory was built from (another
// tab or a sync may have written since), then writes the answer, the event and the row together, durable
// ('strict') before the promise resolves. When the row moved on, the memory is rebuilt from
// storage and the action judged again. Hashing files and making thumbnails happen before the
// transaction. When a new table joins a run, add it to RUN_TABLES.
import type { ChecklistDefinition, ParameterValues } from '../../core/definitions/schema';
import {
  canonicalJson,
  checkRunParameters,
  isRunItem,
  moveRun,
  isValidDate,
  recordAction,
  resolveConflict,
  RunLog,
  undoLast,
  verifyAnswersAgainstLog,
  verifyRunLog,
  type Action,
  type ActionError,
  type ActionErrorCode,
  type Actor,
  type Answer,
  type RecordResult,
  type RunEvent,
  type RunLogVerification,
  type RunSettings,
} from '../../core/runs';
import { MAX_ATTACHMENT_BYTES, prepareAttachment, type AttachmentFile } from './attachment-store';
import type { AttachmentRow, DefinitionRow, GoLiveDatabase, RunRow } from './database';
import { deviceChainOf } from './device-chain';
import { DEVICE_CHAIN_KEY } from './versions/v4';
import { mergeRunEvents } from './merge-run-events';
import { saveCheckpoint, trustedHeads } from './run-checkpoint';
import { eventsOfRun } from './run-events';

export { eventsOfRun };
import { StorageFailure, toStorageError, type StorageErrorCode } from './storage-errors';

export { MAX_ATTACHMENT_BYTES };

/** Core's action errors plus what only storage can say. */
export type RunErrorCode =
  | ActionErrorCode
  | StorageErrorCode
  | 'attachment-too-large'
  | 'unknown-run'
  | 'definition-missing'
  /** The run kept changing in another window while this action was being written. */
  | 'stale';

export interface RunError extends Omit<ActionError, 'code'> {
  code: RunErrorCode;
}

/**
 * An action on an item: its new answer and the event (and the run row's logVersion it was stored
 * with: a view that reads the run again knows it has the write once the row is at that version).
 */
export type ApplyResult =
  | { ok: true; answer: Answer; event: RunEvent; logVersion?: number }
  | { ok: false; error: RunError };

/** A change that may be on the run itself (a move, a resolved conflict between moves). */
export type WriteResult =
  | { ok: true; answer?: Answer; event: RunEvent; logVersion?: number }
  | { ok: false; error: RunError };

/** Item actions always leave an answer; anything else is a bug in the caller's action. */
function itemResult(result: WriteResult): ApplyResult {
  if (!result.ok || result.answer) return result as ApplyResult;
  throw new Error(`Event ${result.event.type} on ${result.event.itemId} left no answer.`);
}

export interface RunIntegrity {
  /** Every chain intact, clocks closed, every event's `before` what the history says. */
  log: RunLogVerification;
  /** Items whose stored answer is not the merge of the events (edited outside the app). */
  tamperedItems: string[];
  /** False when the stored template's hash is not the one the run pinned. */
  definitionMatches: boolean;
}

export interface LoadedRun {
  run: RunRow;
  definition: ChecklistDefinition;
  /** The answers as stored. */
  answers: Map<string, Answer>;
  /** Every device's events, by chain then seq. */
  events: RunEvent[];
  /** The merged history (answers, conflicts, chain heads). */
  log: RunLog;
  /** This device's chain ('' until this device records its first event). */
  chain: string;
  integrity: RunIntegrity;
}

export interface CreateRunInput {
  /** `${id}@${version}` of a row in db.definitions. */
  definitionKey: string;
  name: string;
  parameters: ParameterValues;
  /** 'YYYY-MM-DD'. */
  plannedGoLive: string;
}

/** What other devices' events did to a run on this device. */
export interface ReceiveResult {
  added: number;
  duplicates: number;
  /** Waiting for events they depend on (asked for again on the next sync). */
  pending: number;
  rejected: { chain: string; seq: number; reason: string }[];
  /** Items whose merged answer changed. */
  changedItems: string[];
}

/** A run held in memory while it is worked on. */
interface OpenRun {
  run: RunRow;
  definition: ChecklistDefinition;
  log: RunLog;
  chain: string;
}

export function definitionKeyOf(run: Pick<RunRow, 'definitionId' | 'definitionVersion'>): string {
  return `${run.definitionId}@${run.definitionVersion}`;
}

function fail(code: RunErrorCode, message: string): { ok: false; error: RunError } {
  return { ok: false, error: { code, message } };
}

/** Returns storage failures (disk full...) as results; anything else is a bug and throws. */
async function guarded(work: () => Promise<WriteResult>): Promise<WriteResult> {
  try {
    return await work();
  } catch (error) {
    const storage = toStorageError(error);
    if (storage) return { ok: false, error: storage };
    throw error;
  }
}

export function createRunRepository(db: GoLiveDatabase, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const runTables = () => [db.runs, db.definitions, db.answers, db.runEvents];
  const open = new Map<string, OpenRun>();
  let chainId: Promise<string> | undefined;
  /** This device's chain, created on first use (a write: never from inside a live query). */
  const deviceChain = () =>
    (chainId ??= deviceChainOf(db).catch((error: unknown) => {
      chainId = undefined; // a failure is not remembered: the next write tries again
      throw error;
    }));
  /**
   * This device's chain as stored, '' when none yet: only a read, so load() may run inside a
   * live query (Dexie refuses a write there). Always read, never the cached promise: awaiting a
   * promise made outside the live query loses Dexie's tracking of the reads after it, and the
   * query then never ran again on a change (the move panel's "check again" list stayed put).
   */
  const knownChain = async (): Promise<string> => {
    const row = await db.settings.get(DEVICE_CHAIN_KEY);
    return typeof row?.value === 'string' ? row.value : '';
  };

  const sameRow = (a: RunRow | undefined, b: RunRow) =>
    a !== undefined && canonicalJson(a) === canonicalJson(b);

  /**
   * Reads a run, its template and every event. Inside or outside a transaction, and inside a live
   * query unless `forWriting` (which creates this device's chain when it has none yet).
   */
  async function read(
    runId: string,
    forWriting = false,
  ): Promise<Omit<LoadedRun, 'integrity' | 'log'> | RunError> {
    const chain = forWriting ? await deviceChain() : await knownChain();
    return db.transaction('r', runTables(), async () => {
      const run = await db.runs.get(runId);
      if (!run) return { code: 'unknown-run', message: 'This run does not exist on this device.' };
      const [row, answerRows, events] = await Promise.all([
        db.definitions.get(definitionKeyOf(run)),
        db.answers.where('runId').equals(runId).toArray(),
        eventsOfRun(db, runId).toArray(),
      ]);
      if (!row) {
        return {
          code: 'definition-missing',
          message: `The template this run was started with (${run.definitionId} ${run.definitionVersion}) is not on this device; import it to open the run.`,
        };
      }
      const answers = new Map(answerRows.map((a) => [a.itemId, a]));
      return { run, definition: row.definition, answers, events, chain };
    });
  }

  /**
   * The run in memory, built from storage when it is not there yet. No read when it is: the write
   * transaction checks the stored run row is still the one the memory holds (another window or a
   * sync may have written since) and has it rebuilt when not.
   */
  async function session(runId: string): Promise<OpenRun | RunError> {
    const cached = open.get(runId);
    if (cached) return cached;
    const stored = await read(runId, true);
    if ('code' in stored) return stored;
    const { run, definition, events, chain } = stored;
    const row = await db.definitions.get(definitionKeyOf(run));
    if (!row || row.hash !== run.definitionHash) {
      return {
        code: 'definition-missing',
        message: `The template this run was started with (${run.definitionId} ${run.definitionVersion}) is not on this device in the same version; import it again.`,
      };
    }
    const opened: OpenRun = { run, definition, log: RunLog.of(runId, events), chain };
    open.set(runId, opened);
    return opened;
  }

  /**
   * Records an action in memory and writes it through. When the stored run moved on since the
   * memory was built (another tab, a sync), rebuilds and judges the action again, once.
   */
  async function write(
    runId: string,
    decide: (openRun: OpenRun, now: string) => RecordResult,
    alsoWrite?: () => Promise<unknown>,
  ): Promise<WriteResult> {
    const now = clock().toISOString();
    for (let attempt = 0; attempt < 2; attempt++) {
      const wasInMemory = open.has(runId);
      const current = await session(runId);
      if ('code' in current) return { ok: false, error: current };
      const result = decide(current, now);
      if (!result.ok) {
        // A refusal must not come from a stale memory either (the run may be signed elsewhere).
        if (wasInMemory && !sameRow(await db.runs.get(runId), current.run)) {
          open.delete(runId);
          continue;
        }
        return result;
      }
      const tables = alsoWrite ? [...runTables(), db.attachments] : runTables();
      const written = await db.transaction('rw', tables, async () => {
        const stored = await db.runs.get(runId);
        if (!sameRow(stored, current.run)) return undefined;
        const moved = result.event.payload.after;
        const row: RunRow = {
          ...current.run,
          // A move to another version: the run is checked against the new one from now on.
          ...(isRunItem(result.event.itemId) ? (moved as RunSettings) : {}),
          updatedAt: now,
          logVersion: logVersionOf(current.run) + 1,
        };
        if (result.answer) await db.answers.put(result.answer);
        // add, not put: a second writer of this chain's seq must fail, never overwrite it.
        await db.runEvents.add(result.event);
        await db.runs.put(row);
        await alsoWrite?.();
        return row;
      });
      if (!written) {
        open.delete(runId);
        continue;
      }
      if (isRunItem(result.event.itemId)) {
        // Another template version: rebuild the run in memory on its next use.
        open.delete(runId);
      } else {
        current.run = written;
        current.log.add(result.event);
      }
      const logVersion = logVersionOf(written);
      return result.answer
        ? { ok: true, answer: result.answer, event: result.event, logVersion }
        : { ok: true, event: result.event, logVersion };
    }
    return fail('stale', 'This run keeps changing in another window; try again.');
  }

  const contextOf = (openRun: OpenRun, actor: Actor, now: string) => ({
    definition: openRun.definition,
    run: openRun.run,
    log: openRun.log,
    chain: openRun.chain,
    actor,
    now,
  });

  async function apply(runId: string, action: Action, actor: Actor): Promise<ApplyResult> {
    return itemResult(
      await guarded(() =>
        write(runId, (openRun, now) => recordAction(contextOf(openRun, actor, now), action)),
      ),
    );
  }

  return {
    apply,

    /** Keeps the answer of one of a conflict's heads (by event hash). */
    async resolveConflict(
      runId: string,
      itemId: string,
      keep: string,
      actor: Actor,
    ): Promise<WriteResult> {
      return guarded(() =>
        write(runId, (openRun, now) =>
          resolveConflict(contextOf(openRun, actor, now), itemId, keep),
        ),
      );
    },

    /**
     * Moves the run in progress to another version of its template (core/runs/move-run.ts): one
     * event in the history; the template must be on this device.
     */
    async move(
      runId: string,
      target: { definitionKey: string; parameters: ParameterValues },
      actor: Actor,
    ): Promise<WriteResult> {
      const row = await db.definitions.get(target.definitionKey);
      if (!row)
        return fail(
          'definition-missing',
          `The template "${target.definitionKey}" is not on this device.`,
        );
      return guarded(() =>
        write(runId, (openRun, now) =>
          moveRun(contextOf(openRun, actor, now), {
            definition: row.definition,
            hash: row.hash,
            parameters: target.parameters,
          }),
        ),
      );
    },

    /** Takes back this device's last event of the run (undoing an undo redoes it). */
    async undo(runId: string, actor: Actor): Promise<ApplyResult> {
      return itemResult(
        await guarded(() =>
          write(runId, (openRun, now) => undoLast(contextOf(openRun, actor, now))),
        ),
      );
    },

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
          const { values, problems } = checkRunParameters(row.definition, input.parameters);
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

    /**
     * The run as stored with its merged history, not verified (for views of the history, such as
     * the move panel's pending rechecks; load() is the one that verifies). Only reads.
     */
    async history(runId: string): Promise<{ run: RunRow; log: RunLog } | undefined> {
      const stored = await read(runId);
      if ('code' in stored) {
        if (stored.code === 'unknown-run') return undefined;
        throw new Error(stored.message);
      }
      return { run: stored.run, log: RunLog.of(runId, stored.events) };
    },

    /** The run as stored, with the whole history verified. */
    async load(runId: string): Promise<LoadedRun | undefined> {
      const stored = await read(runId);
      if ('code' in stored) {
        if (stored.code === 'unknown-run') return undefined;
        throw new Error(stored.message);
      }
      const row = await db.definitions.get(definitionKeyOf(stored.run));
      const log = RunLog.of(runId, stored.events);
      // Events up to the last verified heads are not re-hashed while their bytes are unchanged.
      const trusted = await trustedHeads(db, runId, stored.events);
      const verification = verifyRunLog(runId, stored.events, trusted);
      if (verification.ok) {
        // Only an optimisation: a failure to store it (a full disk) costs the next open time.
        await saveCheckpoint(db, runId, stored.events, verification.chains, trusted).catch(
          () => undefined,
        );
      }
      return {
        ...stored,
        events: log.events(),
        log,
        integrity: {
          log: verification,
          tamperedItems: verifyAnswersAgainstLog(stored.answers, log.answers()),
          definitionMatches: row?.hash === stored.run.definitionHash,
        },
      };
    },

    /**
     * Takes in other devices' events (a sync) in one transaction with the answers they change
     * (merge-run-events.ts says what is kept, ignored and refused).
     */
    async receive(runId: string, events: readonly RunEvent[]): Promise<ReceiveResult> {
      const result = await db.transaction('rw', runTables(), async () => {
        const run = await db.runs.get(runId);
        if (!run) throw new Error('This run does not exist on this device.');
        return mergeRunEvents(db, run, events, clock().toISOString());
      });
      if (result.added.length > 0) open.delete(runId);
      const { added, log: _log, ...rest } = result;
      return { ...rest, added: added.length };
    },

    async attach(
      runId: string,
      itemId: string,
      file: AttachmentFile,
      actor: Actor,
    ): Promise<ApplyResult> {
      // Hash and thumbnail first: they await non-IndexedDB promises.
      const prepared = await prepareAttachment(file, { runId, itemId }, clock());
      if (!prepared.ok) return prepared;
      const action: Action = { type: 'attach', itemId, attachment: prepared.ref };
      return itemResult(
        await guarded(() =>
          write(
            runId,
            (openRun, now) => recordAction(contextOf(openRun, actor, now), action),
            () => db.attachments.add(prepared.row),
          ),
        ),
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

    /** How many events this run's history holds (every device). */
    async eventCount(runId: string): Promise<number> {
      return db.runEvents.where('runId').equals(runId).count();
    },

    async getAttachment(id: string): Promise<AttachmentRow | undefined> {
      return db.attachments.get(id);
    },

    /**
     * Builds the run in memory ahead of its first action (its merged history: a big run's first
     * tick would otherwise read and merge every event first).
     */
    async prepare(runId: string): Promise<void> {
      await session(runId);
    },

    /** Drops what is held in memory (after a restore, or when another writer changed the run). */
    forget(runId?: string): void {
      if (runId === undefined) open.clear();
      else open.delete(runId);
    },
  };
}

export function logVersionOf(run: Pick<RunRow, 'logVersion'>): number {
  return run.logVersion ?? 0;
}

export type RunRepository = ReturnType<typeof createRunRepository>;
