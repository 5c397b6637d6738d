// The evidence step of a shared run's sync (shared-runs-protocol.ts, after its events were pushed
// and pulled): the bytes of evidence files travel between the members' laptops through the hub.
// The hub lists the files the run's accepted events name and whether it holds their bytes; this
// device uploads those it holds that the hub lacks (its own attachments, since the hub only takes
// files an event it accepted names), then downloads those it lacks that the hub holds, checks each
// against its SHA-256 and keeps it. A file that fails (no answer, cut, wrong bytes, not uploaded
// yet) stays "not yet downloaded" and is tried again next sync; it never holds up events, which
// were synced before this step for every run.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { classifyFailure } from './attempts';
import type { CycleContext } from './cycle-context';
import { CycleHalt } from './cycle-context';
import type { RunEvidenceFiles } from './sync-stores';
import type { HubResponse } from './transport';
import { readJson, TransportError } from './transport';
import type { RunEvidenceEntry } from './wire-protocol';
import { EVIDENCE_CONTENT_TYPE, PATHS, pathOf } from './wire-protocol';

export interface EvidenceOutcome {
  /** Files of this device the hub took now. */
  uploaded: number;
  /** Files of other laptops received and kept now. */
  downloaded: number;
  /** Files this device still lacks (not uploaded yet by their laptop, or failed now). */
  missing: number;
}

/** Bytes per millisecond a transfer may be slow to before it times out (100 kB/s). */
const SLOWEST_BYTES_PER_MS = 100;

const SHA256 = /^[0-9a-f]{64}$/;

function readEntries(response: HubResponse, runId: string): RunEvidenceEntry[] | undefined {
  const value = readJson(response) as { runId?: unknown; evidence?: unknown } | undefined;
  if (value?.runId !== runId || !Array.isArray(value.evidence)) return undefined;
  return value.evidence.flatMap((entry: unknown) => {
    const { sha256: hash, size, held } = (entry ?? {}) as Record<string, unknown>;
    return typeof hash === 'string' &&
      SHA256.test(hash) &&
      typeof size === 'number' &&
      typeof held === 'boolean'
      ? [{ sha256: hash, size, held }]
      : [];
  });
}

function timeoutFor(ctx: CycleContext, size: number): number {
  return ctx.config.requestTimeoutMs + Math.ceil(size / SLOWEST_BYTES_PER_MS);
}

/** 401/426/429 end the cycle; anything else is this file's problem, retried next sync. */
function fileFailure(ctx: CycleContext, response: HubResponse, what: string): void {
  const failure = classifyFailure(response, ctx.clock());
  if (failure.kind === 'halt') throw new CycleHalt(failure.outcome, failure.message);
  if (failure.kind === 'rate-limited') throw new CycleHalt('rate-limited', failure.message);
  ctx.markPartial();
  if (failure.kind !== 'retry') ctx.result.problems.push(`${what}: ${failure.message}`);
}

export async function syncRunEvidence(
  ctx: CycleContext,
  files: RunEvidenceFiles,
  runId: string,
  name: string,
  outcome: EvidenceOutcome,
): Promise<void> {
  const listed = await ctx.send({
    method: 'GET',
    path: pathOf(PATHS.runEvidenceList, { runId }),
    timeoutMs: ctx.config.requestTimeoutMs,
  });
  const missingHere = new Set(await files.missing(runId));
  if (listed instanceof TransportError) {
    ctx.markPartial();
    outcome.missing += missingHere.size;
    return;
  }
  // A supervisor's device (403) or a hub before evidence files (404): events only, no problem.
  if (listed.status === 403 || listed.status === 404) {
    outcome.missing += missingHere.size;
    return;
  }
  if (listed.status !== 200) {
    fileFailure(ctx, listed, name);
    outcome.missing += missingHere.size;
    return;
  }
  const entries = readEntries(listed, runId);
  if (!entries) {
    ctx.result.problems.push(`${name}: the hub's list of evidence files is not readable.`);
    outcome.missing += missingHere.size;
    return;
  }
  const toUpload: RunEvidenceEntry[] = [];
  for (const entry of entries) {
    if (!entry.held && !missingHere.has(entry.sha256)) toUpload.push(entry);
  }
  const toDownload = entries.filter((entry) => entry.held && missingHere.has(entry.sha256));
  const total = toUpload.length + toDownload.length;
  let done = 0;
  if (total > 0) ctx.progress('evidence', 0, total);

  for (const entry of toUpload) {
    const bytes = await files.bytes(runId, entry.sha256);
    if (bytes) {
      const sent = await ctx.send({
        method: 'POST',
        path: pathOf(PATHS.runEvidence, { runId, hash: entry.sha256 }),
        body: bytes,
        contentType: EVIDENCE_CONTENT_TYPE,
        timeoutMs: timeoutFor(ctx, bytes.byteLength),
      });
      if (sent instanceof TransportError) {
        ctx.markPartial();
        break;
      }
      if (sent.status === 200 || sent.status === 201) outcome.uploaded += 1;
      else fileFailure(ctx, sent, `${name}: evidence ${entry.sha256.slice(0, 12)}`);
    }
    ctx.progress('evidence', ++done, total);
  }

  let downloaded = 0;
  for (const entry of toDownload) {
    const got = await ctx.send({
      method: 'GET',
      path: pathOf(PATHS.runEvidence, { runId, hash: entry.sha256 }),
      timeoutMs: timeoutFor(ctx, entry.size),
    });
    if (got instanceof TransportError) {
      ctx.markPartial();
      break;
    }
    ctx.progress('evidence', ++done, total);
    if (got.status !== 200) {
      fileFailure(ctx, got, `${name}: evidence ${entry.sha256.slice(0, 12)}`);
      continue;
    }
    if (bytesToHex(sha256(got.body)) !== entry.sha256) {
      ctx.markPartial();
      ctx.result.problems.push(
        `${name}: the evidence file ${entry.sha256.slice(0, 12)}… that arrived is not the one the run names (its SHA-256 differs); it was not kept and is fetched again next sync.`,
      );
      continue;
    }
    await files.keep(runId, entry.sha256, got.body);
    downloaded += 1;
  }
  outcome.downloaded += downloaded;
  outcome.missing += missingHere.size - downloaded;
}
