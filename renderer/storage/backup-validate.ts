// Checks a whole backup file before anything is restored: the zip, the manifest, every row's shape,
// every template's text and hash, every run's event chain and its answers against that chain,
// every attachment's bytes against its SHA-256, every signed report (canonical JSON, shape,
// signatures, hash, and that its run's log holds the history it signed), the trusted keys and the
// outbox entries. Returns the rows ready to merge, or every reason (up to a limit) the file is
// refused. Reads nothing from and writes nothing to the device. Version 1 files (before signed
// reports) are read into the current shape with no reports, keys or outbox entries; the events of
// version 1 and 2 files (one log per run) are given LEGACY_CHAIN.
import { unzipSync, strFromU8, type Unzipped } from 'fflate';
import type { z } from 'zod';
import { definitionContentHash, validateDefinitionText } from '../../core/definitions';
import type { Profile } from '../../core/people/profile';
import {
  TRUST_LIST_FORMAT,
  parseReportJson,
  reportHash,
  validateTrustList,
  verifyReport,
} from '../../core/reports';
import type { SignedReport, TrustedKey } from '../../core/reports/report-format';
import {
  RunLog,
  verifyAnswersAgainstLog,
  verifyRunLog,
  type Answer,
  type RunEvent,
} from '../../core/runs';
import { sha256OfBytes } from './attachment-store';
import {
  ATTACHMENTS_DIR,
  BACKUP_FORMAT,
  DATA_FILE,
  LEGACY_CHAIN,
  MANIFEST_FILE,
  READABLE_FORMAT_VERSIONS,
  THUMBNAILS_DIR,
  dataSchema,
  dataV1Schema,
  dataV2Schema,
  describeZodError,
  manifestSchema,
  manifestV1Schema,
  manifestV2Schema,
  type BackupData,
  type BackupManifest,
  type BackupManifestV1,
  type OutboxEntry,
} from './backup-format';
import type { AttachmentRow, DefinitionRow, RunRow, SignedReportRow } from './database';

export interface RunBundle {
  run: RunRow;
  answers: Answer[];
  /** Every device's events; LEGACY_CHAIN for those of version 1 and 2 files. */
  events: RunEvent[];
  attachments: AttachmentRow[];
}

export interface ValidatedBackup {
  /** As read: a version 1 manifest has no counts for the tables version 2 added. */
  manifest: BackupManifest | BackupManifestV1 | z.infer<typeof manifestV2Schema>;
  profile: Profile | undefined;
  definitions: DefinitionRow[];
  runs: RunBundle[];
  /** Verified: `signed` is `json` parsed, and the row's keys and hash are the report's. */
  signedReports: SignedReportRow[];
  trustedKeys: TrustedKey[];
  /** Report entries only, in the order they were queued. */
  outbox: OutboxEntry[];
}

export type ValidationOutcome =
  { ok: true; backup: ValidatedBackup } | { ok: false; reasons: string[] };

const MAX_REASONS = 20;

function refuse(reasons: string[]): ValidationOutcome {
  const shown = reasons.slice(0, MAX_REASONS);
  if (reasons.length > MAX_REASONS)
    shown.push(`...and ${reasons.length - MAX_REASONS} more problems.`);
  return { ok: false, reasons: shown };
}

function readJson<T>(files: Unzipped, name: string, schema: z.ZodType<T>): T | string[] {
  const bytes = files[name];
  if (!bytes) return [`${name} is missing: this is not a Go-live Checklists backup.`];
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch {
    return [`${name} is not valid JSON: the file is damaged.`];
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : describeZodError(name, parsed.error);
}

/** The format version the manifest claims (schemas then check it), or why the file is refused. */
function checkManifestVersion(files: Unzipped): { version: number } | { reasons: string[] } {
  const bytes = files[MANIFEST_FILE];
  const newest = Math.max(...READABLE_FORMAT_VERSIONS);
  if (!bytes) return { version: newest }; // readJson reports it
  try {
    const raw = JSON.parse(strFromU8(bytes)) as { format?: unknown; formatVersion?: unknown };
    if (raw.format !== BACKUP_FORMAT)
      return { reasons: [`${MANIFEST_FILE}: this is not a Go-live Checklists backup.`] };
    if (typeof raw.formatVersion === 'number' && raw.formatVersion > newest) {
      return {
        reasons: [
          `The backup was made by a newer version of the app (format ${raw.formatVersion}); update the app to restore it.`,
        ],
      };
    }
    return {
      version: raw.formatVersion === 1 || raw.formatVersion === 2 ? raw.formatVersion : newest,
    };
  } catch {
    return { version: newest }; // readJson reports it
  }
}

/** Events of a file from before device chains: one log per run. */
function inLegacyChain(events: readonly Omit<RunEvent, 'chain'>[]): RunEvent[] {
  return events.map((event) => ({ ...event, chain: LEGACY_CHAIN }));
}

/** The manifest and the data, a version 1 or 2 file read into the current shape. */
function readBackup(
  files: Unzipped,
  version: number,
): { manifest: ValidatedBackup['manifest']; data: BackupData } | string[] {
  if (version === 1) {
    const manifest = readJson(files, MANIFEST_FILE, manifestV1Schema);
    if (Array.isArray(manifest)) return manifest;
    const data = readJson(files, DATA_FILE, dataV1Schema);
    if (Array.isArray(data)) return data;
    const events = inLegacyChain(data.events);
    return { manifest, data: { ...data, events, signedReports: [], trustedKeys: [], outbox: [] } };
  }
  if (version === 2) {
    const manifest = readJson(files, MANIFEST_FILE, manifestV2Schema);
    if (Array.isArray(manifest)) return manifest;
    const data = readJson(files, DATA_FILE, dataV2Schema);
    if (Array.isArray(data)) return data;
    return { manifest, data: { ...data, events: inLegacyChain(data.events) } };
  }
  const manifest = readJson(files, MANIFEST_FILE, manifestSchema);
  if (Array.isArray(manifest)) return manifest;
  const data = readJson(files, DATA_FILE, dataSchema);
  if (Array.isArray(data)) return data;
  return { manifest, data };
}

function checkEntries(files: Unzipped, data: BackupData): string[] {
  const expected = new Set([MANIFEST_FILE, DATA_FILE]);
  for (const a of data.attachments) {
    expected.add(ATTACHMENTS_DIR + a.id);
    if (a.thumbnailType) expected.add(THUMBNAILS_DIR + a.id);
  }
  return Object.keys(files)
    .filter((name) => !name.endsWith('/') && !expected.has(name))
    .map((name) => `Unexpected file in the backup: ${name}.`);
}

function checkDefinitions(data: BackupData, now: string, reasons: string[]): DefinitionRow[] {
  const rows: DefinitionRow[] = [];
  const keys = new Set<string>();
  for (const entry of data.definitions) {
    const label = `Template ${entry.key}`;
    if (keys.has(entry.key)) reasons.push(`${label} is in the backup twice.`);
    keys.add(entry.key);
    if (entry.key !== `${entry.id}@${entry.version}`)
      reasons.push(`${label}: key does not match its id and version.`);
    if (definitionContentHash(entry.text) !== entry.hash) {
      reasons.push(`${label}: its text does not match its hash (changed after export).`);
      continue;
    }
    const result = validateDefinitionText(entry.text, `backup/${entry.key}.yaml`);
    if (!result.ok) {
      reasons.push(
        `${label} is not a valid template: ${result.problems[0]?.message ?? 'unknown problem'}.`,
      );
    } else if (result.definition.id !== entry.id || result.definition.version !== entry.version) {
      reasons.push(`${label}: its text is ${result.definition.id}@${result.definition.version}.`);
    } else {
      const { text, hash, key, id, version, title, kind, source } = entry;
      rows.push({
        key,
        id,
        version,
        title,
        kind,
        hash,
        source,
        text,
        definition: result.definition,
        addedAt: now,
      });
    }
  }
  return rows;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

function checkRuns(data: BackupData, reasons: string[]): Omit<RunBundle, 'attachments'>[] {
  const bundles: Omit<RunBundle, 'attachments'>[] = [];
  const runIds = new Set(data.runs.map((r) => r.id));
  const hashes = new Map(data.definitions.map((d) => [d.key, d.hash]));
  const answersByRun = groupBy(data.answers, (a) => a.runId);
  const eventsByRun = groupBy(data.events, (e) => e.runId);
  const attachmentIds = new Map(data.attachments.map((a) => [a.id, a.sha256]));
  for (const id of new Set([...answersByRun.keys(), ...eventsByRun.keys()])) {
    if (!runIds.has(id))
      reasons.push(`Answers or events belong to a run that is not in the backup (${id}).`);
  }
  if (runIds.size !== data.runs.length) reasons.push('A run is in the backup twice.');
  for (const run of data.runs) {
    const label = `Run "${run.name}" (${run.id})`;
    const key = `${run.definitionId}@${run.definitionVersion}`;
    if (hashes.get(key) !== run.definitionHash)
      reasons.push(`${label}: its template ${key} is not in the backup in the version it pinned.`);
    const answers = answersByRun.get(run.id) ?? [];
    const events = eventsByRun.get(run.id) ?? [];
    if (new Set(answers.map((a) => a.itemId)).size !== answers.length)
      reasons.push(`${label}: an item has two answers.`);
    const log = verifyRunLog(run.id, events);
    if (!log.ok) {
      reasons.push(
        `${label}: the event log of device ${log.chain} is broken at event ${log.seq}: ${log.reason}`,
      );
      continue;
    }
    const tampered = verifyAnswersAgainstLog(answers, RunLog.of(run.id, events).answers());
    if (tampered.length > 0)
      reasons.push(`${label}: the answers of ${tampered.join(', ')} do not match the event log.`);
    for (const ref of answers.flatMap((a) => a.attachments)) {
      if (attachmentIds.get(ref.id) !== ref.sha256)
        reasons.push(`${label}: the attachment "${ref.name}" is missing from the backup.`);
    }
    bundles.push({ run, answers, events });
  }
  return bundles;
}

/**
 * Whether a run's events hold the history a report signed: every chain its history names up to
 * its head (format 3), or the one log of earlier formats, `length` events ending in `head`.
 */
function holdsSignedHistory(events: readonly RunEvent[], body: SignedReport['body']): boolean {
  const holds = (chain: string | undefined, seq: number, hash: string | null) =>
    events.some(
      (event) =>
        event.seq === seq && event.hash === hash && (chain === undefined || event.chain === chain),
    );
  if (body.history) {
    return body.history.chains.every(({ chain, head, length }) => holds(chain, length, head));
  }
  const { head, length } = body.eventChain ?? { head: null, length: 0 };
  return length === 0 ? head === null : holds(undefined, length, head);
}

function checkSignedReports(
  data: BackupData,
  runs: readonly Omit<RunBundle, 'attachments'>[],
  reasons: string[],
): SignedReportRow[] {
  const rows: SignedReportRow[] = [];
  const seen = new Set<string>();
  const runIds = new Set(data.runs.map((r) => r.id));
  const verifiedRuns = new Map(runs.map((bundle) => [bundle.run.id, bundle]));
  for (const entry of data.signedReports) {
    const label = `Signed report ${entry.reportId} revision ${entry.revision}`;
    const key = `${entry.reportId}@${entry.revision}`;
    if (seen.has(key)) reasons.push(`${label} is in the backup twice.`);
    seen.add(key);
    const parsed = parseReportJson(entry.json, label);
    if (!parsed.ok) {
      reasons.push(parsed.message);
      continue;
    }
    // No trust list: the keys are vouched for on this device, not by the backup. Everything else
    // (shape, revision, every signature over this very body) must hold.
    const result = verifyReport(parsed.value, null);
    const problems = result.problems.filter((p) => p.code !== 'no-trust-list');
    if (problems.length > 0) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
      reasons.push(`${label} does not verify: ${problems[0]?.message ?? ''}${more}`);
      continue;
    }
    const signed = parsed.value as SignedReport;
    const { body } = signed;
    if (reportHash(body) !== entry.reportHash) {
      reasons.push(`${label}: its report hash is not the hash of the report it holds.`);
      continue;
    }
    if (body.reportId !== entry.reportId || body.revision !== entry.revision) {
      reasons.push(
        `${label}: it holds report ${body.reportId} revision ${body.revision}, not the one it is filed under.`,
      );
      continue;
    }
    if (entry.runId !== undefined) {
      if (entry.runId !== body.run.id) {
        reasons.push(
          `${label}: it is filed under run ${entry.runId} but reports run ${body.run.id}.`,
        );
        continue;
      }
      if (!runIds.has(entry.runId)) {
        reasons.push(`${label} belongs to a run that is not in the backup (${entry.runId}).`);
        continue;
      }
      const bundle = verifiedRuns.get(entry.runId);
      if (bundle && !holdsSignedHistory(bundle.events, body)) {
        reasons.push(
          `${label}: the event log of run "${bundle.run.name}" does not hold the history it signed.`,
        );
        continue;
      }
    }
    rows.push({ ...entry, signed });
  }
  return rows;
}

function checkTrustedKeys(data: BackupData, reasons: string[]): TrustedKey[] {
  const result = validateTrustList({
    format: TRUST_LIST_FORMAT,
    formatVersion: 1,
    keys: data.trustedKeys,
  });
  if (result.ok) return result.trust.keys;
  reasons.push(...result.problems.map((problem) => `Trusted keys: ${problem}.`));
  return [];
}

function checkOutbox(data: BackupData, reasons: string[]): OutboxEntry[] {
  const reports = new Set(data.signedReports.map((r) => `${r.reportId}@${r.revision}`));
  for (const entry of data.outbox) {
    if (!reports.has(entry.key))
      reasons.push(
        `An outbox entry names a signed report that is not in the backup (${entry.key}).`,
      );
  }
  return data.outbox;
}

async function checkAttachments(
  files: Unzipped,
  data: BackupData,
  reasons: string[],
): Promise<AttachmentRow[]> {
  const rows: AttachmentRow[] = [];
  const runIds = new Set(data.runs.map((r) => r.id));
  for (const entry of data.attachments) {
    const label = `Attachment "${entry.name}" (${entry.id})`;
    const bytes = files[ATTACHMENTS_DIR + entry.id];
    if (!runIds.has(entry.runId))
      reasons.push(`${label} belongs to a run that is not in the backup.`);
    if (!bytes) {
      reasons.push(`${label}: its file is missing from the backup.`);
      continue;
    }
    if (bytes.length !== entry.size || (await sha256OfBytes(bytes)) !== entry.sha256) {
      reasons.push(
        `${label}: its bytes do not match its SHA-256 fingerprint (damaged or changed).`,
      );
      continue;
    }
    const { thumbnailType, ...meta } = entry;
    const thumbnail = files[THUMBNAILS_DIR + entry.id];
    rows.push({
      ...meta,
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: entry.mimeType }),
      ...(thumbnail && thumbnailType
        ? { thumbnail: new Blob([thumbnail as Uint8Array<ArrayBuffer>], { type: thumbnailType }) }
        : {}),
    });
  }
  if (new Set(data.attachments.map((a) => a.id)).size !== data.attachments.length)
    reasons.push('An attachment is in the backup twice.');
  return rows;
}

export async function validateBackup(file: Blob, now: string): Promise<ValidationOutcome> {
  let files: Unzipped;
  try {
    files = unzipSync(new Uint8Array(await file.arrayBuffer()));
  } catch {
    return refuse([
      'The file is not a readable .zip: it is damaged or not a Go-live Checklists backup.',
    ]);
  }
  const version = checkManifestVersion(files);
  if ('reasons' in version) return refuse(version.reasons);
  const read = readBackup(files, version.version);
  if (Array.isArray(read)) return refuse(read);
  const { manifest, data } = read;

  const reasons = checkEntries(files, data);
  for (const [what, expected] of Object.entries(manifest.counts)) {
    const count = data[what as keyof typeof manifest.counts].length;
    if (expected !== count)
      reasons.push(`The manifest lists ${expected} ${what} but the backup holds ${count}.`);
  }
  const definitions = checkDefinitions(data, now, reasons);
  const runs = checkRuns(data, reasons);
  const attachments = await checkAttachments(files, data, reasons);
  const signedReports = checkSignedReports(data, runs, reasons);
  const trustedKeys = checkTrustedKeys(data, reasons);
  const outbox = checkOutbox(data, reasons);
  if (reasons.length > 0) return refuse(reasons);
  const byRun = groupBy(attachments, (a) => a.runId);
  return {
    ok: true,
    backup: {
      manifest,
      profile: data.profile[0],
      definitions,
      runs: runs.map((bundle) => ({ ...bundle, attachments: byRun.get(bundle.run.id) ?? [] })),
      signedReports,
      trustedKeys,
      outbox,
    },
  };
}
