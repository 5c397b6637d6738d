// One sync cycle with the hub: probe, push the outbox, pull what this device should hold.
// Everything platform-specific is injected (transport, stores, clock, random), so the same code
// runs in the app, in unit tests with a fake transport and in the fault-proxy tests.
//
// Exactly once rests on these rules, keep them when changing this file:
//  1. An entry is marked sent ONLY on the hub's receipt for that very revision and hash. A 200
//     replay receipt counts: a lost answer leads to a retry, and the retry's replay receipt is the
//     proof the first attempt was stored (the hub is idempotent on (reportId, revision) + bytes,
//     and on a signature's canonical JSON for signatures).
//  2. The same report always travels as the same bytes (encodeBundle is deterministic), so a retry
//     is a replay, never a conflict. A signature travels as the canonical JSON frozen when queued.
//  3. Revisions of one report go in order: revision n+1 waits while revision n is not delivered
//     (even while n only waits for its retry time), because the hub refuses an older revision once
//     a newer one is stored (409): n's lost answer could then never be confirmed. The fault-proxy
//     test found this one. Likewise a signature waits for its revision (when this device pushes
//     it) and for the signatures before it on the same revision: each signature covers the ones
//     before it (previousSignatures), so the hub can only append them in order.
//
// What each answer means for an entry:
//  2xx with a matching receipt -> sent.   409 -> failed (conflict, the hub's message), no retry.
//  408, 429, 5xx, no answer (network, timeout), an unreadable receipt -> retried later with
//    full-jitter backoff, the hub's Retry-After as a floor; 429 also ends this cycle's pushes.
//  404 for a signature -> retried later: the hub does not hold that revision YET (the supervisor
//    reviewed a PDF or bundle that came by mail before the administrator's device synced).
//  401 (token unknown or revoked), 426 (protocol) -> the cycle stops; entries stay as they are
//    (they are fine: the device is not), no attempt counted.
//  other 4xx -> failed for good with the hub's message (bad bundle, not your office, too large).
//
// Pulls: every role pulls the reports it may read (GET /v1/reports is scoped by the hub):
// supervisors and the head to review and compare, administrators to get their own office's reports
// back countersigned or sent back (the app reopens a sent-back run: renderer/sync/dexie-stores.ts).
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { SignedReport, TrustList } from '../reports/index';
import { decodeBundle, validateTrustList, verifyReport } from '../reports/index';
import { contentHashOfBytes } from '../definitions/content-hash';
import { decodeUtf8Strict } from '../reports/utf8';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelay } from './backoff';
import type { OutboxEntry, OutboxStore } from './outbox';
import { isDue, parseReportOutboxKey, parseSignatureOutboxKey } from './outbox';
import type {
  DefinitionSink,
  HeldReport,
  ReportBundleSource,
  ReportInbox,
  TrustStore,
} from './sync-stores';
import type { HubRequest, HubResponse, Transport } from './transport';
import { hubMessage, readJson, TransportError } from './transport';
import type {
  DefinitionListEntry,
  HubRole,
  ProgressReceipt,
  ReportListEntry,
  ReportReceipt,
  SignatureReceipt,
} from './wire-protocol';
import { PATHS, REPORT_HASH_HEADER, WIRE_PROTOCOL_VERSION, pathOf } from './wire-protocol';

export interface SyncConfig {
  backoff: BackoffPolicy;
  /** The health probe: short, it only asks "are you there?". */
  probeTimeoutMs: number;
  /** Every other request, plus bundleMsPerMegabyte for report bundles. */
  requestTimeoutMs: number;
  bundleMsPerMegabyte: number;
  /** This many attempts in a row without an answer end the cycle: the hub went away. */
  maxConsecutiveUnanswered: number;
}

export const DEFAULT_SYNC_CONFIG: SyncConfig = {
  backoff: DEFAULT_BACKOFF,
  probeTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  bundleMsPerMegabyte: 2_000,
  maxConsecutiveUnanswered: 3,
};

export type SyncPhase = 'probe' | 'push' | 'trust-list' | 'definitions' | 'reports';

export interface SyncProgress {
  phase: SyncPhase;
  /** Items handled so far in this phase, of `total`. */
  done: number;
  total: number;
}

export interface SyncEngineDeps {
  transport: Transport;
  outbox: OutboxStore;
  reports: ReportBundleSource;
  /** The enrolled user's role (every role pulls the reports it may read, see the header). */
  role: HubRole;
  trust?: TrustStore;
  definitions?: DefinitionSink;
  inbox?: ReportInbox;
  clock: () => Date;
  /** [0, 1), like Math.random; seeded in tests. */
  random: () => number;
  onProgress?: (progress: SyncProgress) => void;
  config?: Partial<SyncConfig>;
}

/**
 * ok: reached the hub, every due entry was delivered or refused for good, every pull done.
 * partial: reached the hub, but something will be retried. offline: the hub did not answer.
 * unauthorized / incompatible: the device must be enrolled again / the app or hub updated.
 * rate-limited: the hub asked to slow down (Retry-After honoured per entry).
 */
export type SyncOutcome =
  'ok' | 'partial' | 'offline' | 'unauthorized' | 'incompatible' | 'rate-limited';

export interface SyncCycleResult {
  outcome: SyncOutcome;
  startedAt: string;
  finishedAt: string;
  /** Why the cycle stopped (the hub's words when it gave any). */
  message?: string;
  pushed: {
    /** Delivered now (replays included). */
    sent: number;
    /** Of those, the hub had already stored (a lost answer before). */
    replayed: number;
    /** Refused for good by the hub. */
    failed: number;
    /** To be tried again. */
    retrying: number;
    /**
     * Not tried: an earlier revision of the same report (or, for a signature, its revision or an
     * earlier signature on it) is not delivered yet.
     */
    held: number;
  };
  pulled: {
    trustKeys?: number;
    definitions: string[];
    reports: string[];
  };
  /** Things pulled but not kept (a definition that does not validate, a report that does not verify). */
  problems: string[];
}

/** lastError values the engine writes itself (the UI translates them); the hub's messages are kept as sent. */
export const ENGINE_ERRORS = {
  timeout: '[timeout]',
  network: '[network]',
  badReceipt: '[bad-receipt]',
  missingReport: '[missing-report]',
  badPayload: '[bad-payload]',
  http: (status: number) => `[http ${status}]`,
} as const;

type Attempt =
  | { kind: 'sent'; receipt: string; replay: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'retry'; message: string; retryAfterMs?: number; isUnanswered: boolean }
  | { kind: 'halt'; outcome: 'unauthorized' | 'incompatible'; message: string }
  | { kind: 'rate-limited'; message: string; retryAfterMs?: number };

class CycleHalt extends Error {
  constructor(
    readonly outcome: Exclude<SyncOutcome, 'ok' | 'partial'>,
    message: string,
  ) {
    super(message);
  }
}

function statusMessage(response: HubResponse): string {
  return hubMessage(response) ?? ENGINE_ERRORS.http(response.status);
}

function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** How a non-2xx answer (or none) decides an entry's fate. */
function classifyFailure(response: HubResponse, now: Date): Exclude<Attempt, { kind: 'sent' }> {
  const message = statusMessage(response);
  const retryAfterMs = parseRetryAfter(response.header('retry-after'), now);
  if (response.status === 401) return { kind: 'halt', outcome: 'unauthorized', message };
  if (response.status === 426) return { kind: 'halt', outcome: 'incompatible', message };
  if (response.status === 429) return { kind: 'rate-limited', message, retryAfterMs };
  if (isTransient(response.status))
    return { kind: 'retry', message, retryAfterMs, isUnanswered: false };
  if (response.status >= 400) return { kind: 'failed', message };
  // 1xx/3xx or an unexpected 2xx: not a receipt; try again (a replay will answer properly).
  return { kind: 'retry', message, isUnanswered: false };
}

function field<T>(
  value: unknown,
  key: string,
  type: 'string' | 'number' | 'boolean' | 'object',
): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === type ? (found as T) : undefined;
}

function readReportReceipt(response: HubResponse): ReportReceipt | undefined {
  const value = readJson(response);
  const reportId = field<string>(value, 'reportId', 'string');
  const revision = field<number>(value, 'revision', 'number');
  const reportHash = field<string>(value, 'reportHash', 'string');
  const receivedAt = field<string>(value, 'receivedAt', 'string');
  const replay = field<boolean>(value, 'replay', 'boolean');
  if (reportId === undefined || revision === undefined || reportHash === undefined)
    return undefined;
  if (receivedAt === undefined || replay === undefined) return undefined;
  return { reportId, revision, reportHash, receivedAt, replay };
}

function readProgressReceipt(response: HubResponse): ProgressReceipt | undefined {
  const value = readJson(response);
  const runId = field<string>(value, 'runId', 'string');
  const takenAt = field<string>(value, 'takenAt', 'string');
  const replay = field<boolean>(value, 'replay', 'boolean');
  if (runId === undefined || takenAt === undefined || replay === undefined) return undefined;
  return { runId, takenAt, replay };
}

function readSignatureReceipt(response: HubResponse): SignatureReceipt | undefined {
  const value = readJson(response);
  const reportId = field<string>(value, 'reportId', 'string');
  const revision = field<number>(value, 'revision', 'number');
  const reportHash = field<string>(value, 'reportHash', 'string');
  const index = field<number>(value, 'index', 'number');
  const reviewState = field<SignatureReceipt['reviewState']>(value, 'reviewState', 'string');
  const receivedAt = field<string>(value, 'receivedAt', 'string');
  const replay = field<boolean>(value, 'replay', 'boolean');
  if (reportId === undefined || revision === undefined || reportHash === undefined)
    return undefined;
  if (index === undefined || reviewState === undefined || receivedAt === undefined)
    return undefined;
  if (replay === undefined) return undefined;
  return { reportId, revision, reportHash, index, reviewState, receivedAt, replay };
}

/** The report hash a queued signature covers, or undefined when the payload is not a signature. */
function signedReportHash(payload: string): string | undefined {
  try {
    const statement = field<object>(JSON.parse(payload) as unknown, 'statement', 'object');
    return field<string>(statement, 'reportHash', 'string');
  } catch {
    return undefined;
  }
}

function snapshotTakenAt(payload: string): string | undefined {
  try {
    return field<string>(JSON.parse(payload) as unknown, 'takenAt', 'string');
  } catch {
    return undefined;
  }
}

export async function runSyncCycle(deps: SyncEngineDeps): Promise<SyncCycleResult> {
  const config: SyncConfig = { ...DEFAULT_SYNC_CONFIG, ...deps.config };
  const { transport, outbox, clock } = deps;
  const startedAt = clock().toISOString();
  const result: SyncCycleResult = {
    outcome: 'ok',
    startedAt,
    finishedAt: startedAt,
    pushed: { sent: 0, replayed: 0, failed: 0, retrying: 0, held: 0 },
    pulled: { definitions: [], reports: [] },
    problems: [],
  };
  let isPartial = false;
  const progress = (phase: SyncPhase, done: number, total: number) =>
    deps.onProgress?.({ phase, done, total });

  /** A request; TransportError and every answer come back as values, not exceptions. */
  async function send(request: HubRequest): Promise<HubResponse | TransportError> {
    try {
      return await transport(request);
    } catch (error) {
      if (error instanceof TransportError) return error;
      // A fetch adapter may throw something else for a broken connection: same thing.
      return new TransportError('network', error instanceof Error ? error.message : String(error));
    }
  }

  function unanswered(error: TransportError): Attempt {
    return {
      kind: 'retry',
      message: error.kind === 'timeout' ? ENGINE_ERRORS.timeout : ENGINE_ERRORS.network,
      isUnanswered: true,
    };
  }

  async function probe(): Promise<void> {
    progress('probe', 0, 1);
    const response = await send({
      method: 'GET',
      path: PATHS.health,
      timeoutMs: config.probeTimeoutMs,
    });
    if (response instanceof TransportError) {
      throw new CycleHalt(
        'offline',
        response.kind === 'timeout' ? ENGINE_ERRORS.timeout : ENGINE_ERRORS.network,
      );
    }
    if (response.status === 426) throw new CycleHalt('incompatible', statusMessage(response));
    if (response.status !== 200) throw new CycleHalt('offline', statusMessage(response));
    const version = field<number>(readJson(response), 'protocolVersion', 'number');
    if (version === undefined)
      throw new CycleHalt('offline', 'The address answers, but not as a hub.');
    if (version !== WIRE_PROTOCOL_VERSION) {
      throw new CycleHalt(
        'incompatible',
        `The hub speaks protocol version ${version}; this app speaks ${WIRE_PROTOCOL_VERSION}.`,
      );
    }
    progress('probe', 1, 1);
  }

  async function pushReport(entry: OutboxEntry): Promise<Attempt> {
    const id = parseReportOutboxKey(entry.key);
    const local = id && (await deps.reports.bundle(id.reportId, id.revision));
    if (!id || !local) return { kind: 'failed', message: ENGINE_ERRORS.missingReport };
    const megabytes = local.bytes.length / (1024 * 1024);
    const response = await send({
      method: 'POST',
      path: PATHS.reports,
      body: local.bytes,
      contentType: 'application/zip',
      timeoutMs: config.requestTimeoutMs + Math.ceil(megabytes * config.bundleMsPerMegabyte),
    });
    if (response instanceof TransportError) return unanswered(response);
    if (response.status !== 200 && response.status !== 201)
      return classifyFailure(response, clock());
    const receipt = readReportReceipt(response);
    if (!receipt) return { kind: 'retry', message: ENGINE_ERRORS.badReceipt, isUnanswered: false };
    if (receipt.reportId !== id.reportId || receipt.revision !== id.revision) {
      return { kind: 'retry', message: ENGINE_ERRORS.badReceipt, isUnanswered: false };
    }
    if (receipt.reportHash !== local.reportHash) {
      // Cannot happen with an honest hub (it verifies the hash it stores); never call it delivered.
      return {
        kind: 'failed',
        message: `The hub holds this revision with report hash ${receipt.reportHash}; this device signed ${local.reportHash}.`,
      };
    }
    return { kind: 'sent', receipt: JSON.stringify(receipt), replay: receipt.replay };
  }

  async function pushProgress(entry: OutboxEntry): Promise<Attempt> {
    const takenAt = entry.payload === undefined ? undefined : snapshotTakenAt(entry.payload);
    if (entry.payload === undefined || takenAt === undefined) {
      return { kind: 'failed', message: ENGINE_ERRORS.badPayload };
    }
    const response = await send({
      method: 'POST',
      path: PATHS.progress,
      body: utf8ToBytes(entry.payload),
      contentType: 'application/json',
      timeoutMs: config.requestTimeoutMs,
    });
    if (response instanceof TransportError) return unanswered(response);
    if (response.status !== 200 && response.status !== 201)
      return classifyFailure(response, clock());
    const receipt = readProgressReceipt(response);
    if (!receipt || receipt.runId !== entry.key || receipt.takenAt !== takenAt) {
      return { kind: 'retry', message: ENGINE_ERRORS.badReceipt, isUnanswered: false };
    }
    return { kind: 'sent', receipt: JSON.stringify(receipt), replay: receipt.replay };
  }

  async function pushSignature(entry: OutboxEntry): Promise<Attempt> {
    const id = parseSignatureOutboxKey(entry.key);
    const reportHash = entry.payload === undefined ? undefined : signedReportHash(entry.payload);
    if (!id || entry.payload === undefined || reportHash === undefined) {
      return { kind: 'failed', message: ENGINE_ERRORS.badPayload };
    }
    const response = await send({
      method: 'POST',
      path: pathOf(PATHS.reportSignatures, { reportId: id.reportId, revision: id.revision }),
      // The frozen payload verbatim: every attempt sends the same signature bytes.
      body: utf8ToBytes(`{"signature":${entry.payload}}`),
      contentType: 'application/json',
      timeoutMs: config.requestTimeoutMs,
    });
    if (response instanceof TransportError) return unanswered(response);
    if (response.status === 404) {
      return {
        kind: 'retry',
        message: statusMessage(response),
        retryAfterMs: parseRetryAfter(response.header('retry-after'), clock()),
        isUnanswered: false,
      };
    }
    if (response.status !== 200 && response.status !== 201)
      return classifyFailure(response, clock());
    const receipt = readSignatureReceipt(response);
    if (
      !receipt ||
      receipt.reportId !== id.reportId ||
      receipt.revision !== id.revision ||
      receipt.index !== id.index
    ) {
      return { kind: 'retry', message: ENGINE_ERRORS.badReceipt, isUnanswered: false };
    }
    if (receipt.reportHash !== reportHash) {
      return {
        kind: 'failed',
        message: `The hub holds this revision with report hash ${receipt.reportHash}; this signature covers ${reportHash}.`,
      };
    }
    return { kind: 'sent', receipt: JSON.stringify(receipt), replay: receipt.replay };
  }

  function pushEntry(entry: OutboxEntry): Promise<Attempt> {
    switch (entry.kind) {
      case 'report':
        return pushReport(entry);
      case 'progress':
        return pushProgress(entry);
      case 'signature':
        return pushSignature(entry);
    }
  }

  async function push(): Promise<void> {
    const unsent = await outbox.unsent();
    const due = unsent.filter((entry) => isDue(entry, clock()));
    // Rule 3: what is not delivered yet holds what must follow it on the hub.
    /** Report revisions not delivered, by reportId. */
    const revisionsUndelivered = new Map<string, Set<number>>();
    /** Signature indexes not delivered, by `${reportId}@${revision}`. */
    const signaturesUndelivered = new Map<string, Set<number>>();
    const add = (map: Map<string, Set<number>>, key: string, value: number) =>
      map.set(key, (map.get(key) ?? new Set<number>()).add(value));
    const revisionKey = (id: { reportId: string; revision: number }) =>
      `${id.reportId}@${id.revision}`;
    for (const entry of unsent) {
      const report = entry.kind === 'report' ? parseReportOutboxKey(entry.key) : undefined;
      if (report) add(revisionsUndelivered, report.reportId, report.revision);
      const signature = entry.kind === 'signature' ? parseSignatureOutboxKey(entry.key) : undefined;
      if (signature) add(signaturesUndelivered, revisionKey(signature), signature.index);
    }
    const hasUndelivered = (set: Set<number> | undefined, before: (n: number) => boolean) =>
      [...(set ?? [])].some(before);
    const isHeld = (entry: OutboxEntry): boolean => {
      const report = entry.kind === 'report' ? parseReportOutboxKey(entry.key) : undefined;
      if (report) {
        return hasUndelivered(
          revisionsUndelivered.get(report.reportId),
          (revision) => revision < report.revision,
        );
      }
      const signature = entry.kind === 'signature' ? parseSignatureOutboxKey(entry.key) : undefined;
      if (!signature) return false;
      return (
        hasUndelivered(
          revisionsUndelivered.get(signature.reportId),
          (revision) => revision <= signature.revision,
        ) ||
        hasUndelivered(
          signaturesUndelivered.get(revisionKey(signature)),
          (index) => index < signature.index,
        )
      );
    };
    const delivered = (entry: OutboxEntry) => {
      const report = entry.kind === 'report' ? parseReportOutboxKey(entry.key) : undefined;
      if (report) revisionsUndelivered.get(report.reportId)?.delete(report.revision);
      const signature = entry.kind === 'signature' ? parseSignatureOutboxKey(entry.key) : undefined;
      if (signature) signaturesUndelivered.get(revisionKey(signature))?.delete(signature.index);
    };
    let unansweredInARow = 0;
    let done = 0;
    progress('push', 0, due.length);
    for (const entry of due) {
      if (isHeld(entry)) {
        result.pushed.held += 1;
        progress('push', ++done, due.length);
        continue;
      }
      const attempt = await pushEntry(entry);
      const now = clock();
      const at = now.toISOString();
      switch (attempt.kind) {
        case 'sent':
          unansweredInARow = 0;
          await outbox.markSent(entry.seq, {
            sentAt: at,
            receipt: attempt.receipt,
            lastAttemptAt: at,
          });
          delivered(entry);
          result.pushed.sent += 1;
          if (attempt.replay) result.pushed.replayed += 1;
          break;
        case 'failed':
          unansweredInARow = 0;
          await outbox.markFailed(entry.seq, {
            attempts: entry.attempts + 1,
            lastAttemptAt: at,
            lastError: attempt.message,
          });
          result.pushed.failed += 1;
          break;
        case 'retry':
        case 'rate-limited': {
          const delay = retryDelay(
            entry.attempts,
            config.backoff,
            deps.random,
            attempt.retryAfterMs,
          );
          await outbox.markRetry(entry.seq, {
            attempts: entry.attempts + 1,
            lastAttemptAt: at,
            lastError: attempt.message,
            nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
          });
          result.pushed.retrying += 1;
          isPartial = true;
          if (attempt.kind === 'rate-limited') throw new CycleHalt('rate-limited', attempt.message);
          unansweredInARow = attempt.isUnanswered ? unansweredInARow + 1 : 0;
          if (unansweredInARow >= config.maxConsecutiveUnanswered) {
            throw new CycleHalt('offline', attempt.message);
          }
          break;
        }
        case 'halt':
          throw new CycleHalt(attempt.outcome, attempt.message);
      }
      progress('push', ++done, due.length);
    }
  }

  /** A GET whose failure is a problem for this cycle, not for an entry. */
  async function get(path: string): Promise<HubResponse | undefined> {
    const response = await send({ method: 'GET', path, timeoutMs: config.requestTimeoutMs });
    if (response instanceof TransportError) {
      isPartial = true;
      return undefined;
    }
    if (response.status === 200) return response;
    const failure = classifyFailure(response, clock());
    if (failure.kind === 'halt') throw new CycleHalt(failure.outcome, failure.message);
    if (failure.kind === 'rate-limited') throw new CycleHalt('rate-limited', failure.message);
    if (failure.kind === 'retry') isPartial = true;
    else result.problems.push(`${path}: ${failure.message}`);
    return undefined;
  }

  async function pullTrustList(): Promise<TrustList | null> {
    const held = (await deps.trust?.read()) ?? null;
    if (!deps.trust) return held;
    progress('trust-list', 0, 1);
    const response = await get(PATHS.trustList);
    if (!response) return held;
    const checked = validateTrustList(readJson(response));
    if (!checked.ok) {
      result.problems.push(
        `The hub's trust list was refused: ${checked.problems.slice(0, 3).join('; ')}`,
      );
      return held;
    }
    await deps.trust.replace(checked.trust);
    result.pulled.trustKeys = checked.trust.keys.length;
    progress('trust-list', 1, 1);
    return checked.trust;
  }

  async function pullDefinitions(sink: DefinitionSink): Promise<void> {
    const response = await get(PATHS.definitions);
    const list =
      response && (readJson(response) as { definitions?: unknown } | undefined)?.definitions;
    if (!Array.isArray(list)) return;
    const entries = list.filter(
      (entry): entry is DefinitionListEntry =>
        typeof field(entry, 'id', 'string') === 'string' &&
        typeof field(entry, 'version', 'string') === 'string' &&
        typeof field(entry, 'hash', 'string') === 'string',
    );
    let done = 0;
    progress('definitions', 0, entries.length);
    for (const entry of entries) {
      const name = `${entry.id}@${entry.version}`;
      const held = await sink.hashOf(entry.id, entry.version);
      if (held === entry.hash) {
        progress('definitions', ++done, entries.length);
        continue;
      }
      if (held !== undefined) {
        result.problems.push(
          `${name} on the hub differs from the copy on this device (a published version never changes): the copy here is kept.`,
        );
        progress('definitions', ++done, entries.length);
        continue;
      }
      const text = await get(pathOf(PATHS.definition, { id: entry.id, version: entry.version }));
      if (text) {
        const decoded = decodeUtf8Strict(text.body);
        if (decoded === undefined || contentHashOfBytes(text.body) !== entry.hash) {
          result.problems.push(`${name}: the text received does not match its published hash.`);
        } else {
          const added = await sink.add({
            id: entry.id,
            version: entry.version,
            hash: entry.hash,
            text: decoded,
          });
          if (added.ok) result.pulled.definitions.push(name);
          else
            result.problems.push(
              `${name} does not validate: ${added.problems.slice(0, 3).join('; ')}`,
            );
        }
      }
      progress('definitions', ++done, entries.length);
    }
  }

  async function pullReports(inbox: ReportInbox, trust: TrustList | null): Promise<void> {
    const response = await get(PATHS.reports);
    const list = response && (readJson(response) as { reports?: unknown } | undefined)?.reports;
    if (!Array.isArray(list)) return;
    const held = await inbox.held();
    const byKey = new Map<string, HeldReport>(held.map((r) => [`${r.reportId}@${r.revision}`, r]));
    const wanted = (list as ReportListEntry[]).filter((entry) => {
      if (typeof entry?.reportId !== 'string' || typeof entry.revision !== 'number') return false;
      const mine = byKey.get(`${entry.reportId}@${entry.revision}`);
      return (
        !mine || mine.reportHash !== entry.reportHash || mine.reviewState !== entry.reviewState
      );
    });
    let done = 0;
    progress('reports', 0, wanted.length);
    for (const entry of wanted) {
      const name = `${entry.runName} (${entry.office}), revision ${entry.revision}`;
      const mine = byKey.get(`${entry.reportId}@${entry.revision}`);
      if (mine && mine.reportHash !== entry.reportHash) {
        result.problems.push(
          `${name}: the hub's copy has another report hash than the one here; not replaced.`,
        );
        progress('reports', ++done, wanted.length);
        continue;
      }
      const bundle = await get(
        pathOf(PATHS.report, { reportId: entry.reportId, revision: entry.revision }),
      );
      if (bundle) {
        const decoded = decodeBundle(bundle.body);
        const earlier = held.filter(
          (r) => r.reportId === entry.reportId && r.revision < entry.revision,
        );
        const verification = decoded.ok
          ? verifyReport(decoded.signed, trust, { knownRevisions: earlier })
          : undefined;
        const headerHash = bundle.header(REPORT_HASH_HEADER);
        if (!decoded.ok || !verification) {
          result.problems.push(
            `${name}: the bundle cannot be read (${decoded.problems[0]?.message ?? '?'}).`,
          );
        } else if (!verification.valid || verification.reportHash !== entry.reportHash) {
          const why = verification.problems
            .slice(0, 3)
            .map((p) => p.message)
            .join('; ');
          result.problems.push(
            `${name} does not verify: ${why || 'its hash is not the one listed'}`,
          );
        } else if (headerHash !== null && headerHash !== entry.reportHash) {
          result.problems.push(`${name}: the hub sent another report hash than it listed.`);
        } else {
          await inbox.keep({
            signed: decoded.signed as SignedReport,
            reportHash: entry.reportHash,
            attachments: decoded.attachments,
            verification,
          });
          result.pulled.reports.push(`${entry.reportId}@${entry.revision}`);
        }
      }
      progress('reports', ++done, wanted.length);
    }
  }

  try {
    await probe();
    await push();
    const trust = await pullTrustList();
    if (deps.definitions) await pullDefinitions(deps.definitions);
    if (deps.inbox) await pullReports(deps.inbox, trust);
    result.outcome = isPartial ? 'partial' : 'ok';
  } catch (error) {
    if (!(error instanceof CycleHalt)) throw error;
    result.outcome = error.outcome;
    result.message = error.message;
  }
  result.finishedAt = clock().toISOString();
  return result;
}
