// The shared-runs phase of a sync cycle (shared-runs-protocol.ts): learn which runs this user is in
// (and who else is), push this device's new events of each, then pull everyone else's.
//  - Pushing sends this device's chain from the first event the hub has not confirmed, in order,
//    in batches; an event counts as delivered only on a receipt naming its seq, so a lost answer
//    means the same events are sent again and the hub answers them as duplicates (idempotent by
//    hash). 403 means this user was removed from the run: the device keeps its unsynced work and
//    stops pushing; the store shows it.
//  - Pulling asks for the events the hub received after the cursor kept from the last pull, page
//    by page. The hub serves them in the order it received them, so an event never arrives before
//    the events it was built on; if some are held back anyway, the store keeps the old cursor and
//    they come again.
//  - Then, once every run's events are done, the runs' evidence files (sync-run-evidence.ts): a
//    file that does not arrive never holds up events.
import type { RunEvent } from '../runs/run-event';
import { classifyFailure } from './attempts';
import type { CycleContext } from './cycle-context';
import { CycleHalt } from './cycle-context';
import type { EvidenceOutcome } from './sync-run-evidence';
import { syncRunEvidence } from './sync-run-evidence';
import type { HeldSharedRun, SharedRunStore } from './sync-stores';
import type { HubResponse } from './transport';
import { jsonBody, readJson, TransportError } from './transport';
import type { PullEventsResponse, PushEventsReceipt, SharedRun } from './wire-protocol';
import { PATHS, SHARED_RUN_LIMITS, pathOf, sharedRunSchema } from './wire-protocol';

export interface SharedRunsOutcome {
  /** Events of this device the hub confirmed now. */
  pushed: number;
  /** Other devices' events merged now. */
  pulled: number;
  /** Runs this user was removed from (their unsynced work stays on the device). */
  removedFrom: string[];
  /** Evidence files uploaded and downloaded now, and those still missing here. */
  evidence: EvidenceOutcome;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readPushReceipt(response: HubResponse): PushEventsReceipt | undefined {
  const value = readJson(response);
  if (!isRecord(value)) return undefined;
  const { runId, chain, seq, head, accepted, duplicates } = value;
  if (typeof runId !== 'string' || typeof chain !== 'string' || typeof head !== 'string')
    return undefined;
  if (typeof seq !== 'number' || typeof accepted !== 'number' || typeof duplicates !== 'number')
    return undefined;
  return { runId, chain, seq, head, accepted, duplicates };
}

function readPullPage(response: HubResponse): PullEventsResponse | undefined {
  const value = readJson(response);
  if (!isRecord(value)) return undefined;
  const { runId, events, cursor, more } = value;
  if (typeof runId !== 'string' || !Array.isArray(events)) return undefined;
  if (typeof cursor !== 'number' || typeof more !== 'boolean') return undefined;
  // The events' shape and hashes are checked where they are merged (the run log and its verifier).
  return { runId, events: events as RunEvent[], cursor, more };
}

/** Fails the phase for this run only, or the whole cycle when the hub says so. */
function haltOrProblem(ctx: CycleContext, response: HubResponse, what: string): void {
  const failure = classifyFailure(response, ctx.clock());
  if (failure.kind === 'halt') throw new CycleHalt(failure.outcome, failure.message);
  if (failure.kind === 'rate-limited') throw new CycleHalt('rate-limited', failure.message);
  if (failure.kind === 'retry') ctx.markPartial();
  else ctx.result.problems.push(`${what}: ${failure.message}`);
}

async function listRuns(ctx: CycleContext, store: SharedRunStore): Promise<SharedRun[]> {
  const response = await ctx.get(PATHS.runs);
  const list = response && (readJson(response) as { runs?: unknown } | undefined)?.runs;
  if (!Array.isArray(list)) return [];
  const runs: SharedRun[] = [];
  for (const entry of list) {
    const parsed = sharedRunSchema.safeParse(entry);
    if (!parsed.success) {
      ctx.result.problems.push('A shared run from the hub was refused: it is not well formed.');
      continue;
    }
    const kept = await store.keep(parsed.data);
    if (kept.ok) runs.push(parsed.data);
    else ctx.result.problems.push(`${parsed.data.name}: ${kept.problem}`);
  }
  return runs;
}

/** Pushes this device's unconfirmed events; false when the hub refused this user (removed). */
async function pushRun(
  ctx: CycleContext,
  store: SharedRunStore,
  held: HeldSharedRun,
  name: string,
  outcome: SharedRunsOutcome,
): Promise<boolean> {
  let pushedSeq = held.pushedSeq;
  for (;;) {
    const events = await store.ownEvents(held.runId, pushedSeq, SHARED_RUN_LIMITS.eventsPerRequest);
    if (events.length === 0) return true;
    const response = await ctx.send({
      method: 'POST',
      path: pathOf(PATHS.runEvents, { runId: held.runId }),
      body: jsonBody({ events }),
      contentType: 'application/json',
      timeoutMs: ctx.config.requestTimeoutMs,
    });
    if (response instanceof TransportError) {
      ctx.markPartial();
      return true;
    }
    if (response.status === 403) {
      outcome.removedFrom.push(held.runId);
      return false;
    }
    if (response.status !== 200 && response.status !== 201) {
      haltOrProblem(ctx, response, name);
      return true;
    }
    const receipt = readPushReceipt(response);
    const last = events.at(-1) as RunEvent;
    if (!receipt || receipt.runId !== held.runId || receipt.chain !== last.chain) {
      ctx.markPartial();
      return true;
    }
    if (receipt.seq < last.seq || (receipt.seq === last.seq && receipt.head !== last.hash)) {
      ctx.result.problems.push(
        `${name}: the hub holds another history of this device's work (event ${receipt.seq}); nothing more was sent.`,
      );
      return true;
    }
    outcome.pushed += last.seq - pushedSeq;
    pushedSeq = last.seq;
    await store.markPushed(held.runId, pushedSeq);
  }
}

async function pullRun(
  ctx: CycleContext,
  store: SharedRunStore,
  held: HeldSharedRun,
  name: string,
  outcome: SharedRunsOutcome,
): Promise<void> {
  let cursor = held.cursor;
  for (;;) {
    const path = `${pathOf(PATHS.runEvents, { runId: held.runId })}?after=${cursor}`;
    const response = await ctx.send({
      method: 'GET',
      path,
      timeoutMs: ctx.config.requestTimeoutMs,
    });
    if (response instanceof TransportError) {
      ctx.markPartial();
      return;
    }
    if (response.status !== 200) {
      haltOrProblem(ctx, response, name);
      return;
    }
    const page = readPullPage(response);
    if (!page || page.runId !== held.runId || page.cursor < cursor) {
      ctx.result.problems.push(`${name}: the hub's answer about the run's events is not readable.`);
      return;
    }
    const receipt = await store.receive(held.runId, page.events, page.cursor);
    outcome.pulled += receipt.added;
    for (const reason of receipt.rejected) ctx.result.problems.push(`${name}: ${reason}`);
    if (receipt.pending > 0) {
      ctx.markPartial();
      return;
    }
    cursor = page.cursor;
    if (!page.more || page.events.length === 0) return;
  }
}

export async function syncSharedRuns(
  ctx: CycleContext,
  store: SharedRunStore,
): Promise<SharedRunsOutcome> {
  const outcome: SharedRunsOutcome = {
    pushed: 0,
    pulled: 0,
    removedFrom: [],
    evidence: { uploaded: 0, downloaded: 0, missing: 0 },
  };
  const runs = await listRuns(ctx, store);
  const names = new Map(runs.map((run) => [run.runId, run.name]));
  const held = (await store.held()).filter((run) => names.has(run.runId));
  let done = 0;
  ctx.progress('runs', 0, held.length);
  const members: HeldSharedRun[] = [];
  for (const run of held) {
    const name = names.get(run.runId) ?? run.runId;
    const isMember = await pushRun(ctx, store, run, name, outcome);
    if (isMember) {
      await pullRun(ctx, store, run, name, outcome);
      members.push(run);
    }
    ctx.progress('runs', ++done, held.length);
  }
  if (store.evidence) {
    for (const run of members) {
      const name = names.get(run.runId) ?? run.runId;
      await syncRunEvidence(ctx, store.evidence, run.runId, name, outcome.evidence);
    }
  }
  return outcome;
}
