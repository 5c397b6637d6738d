// Checks a whole backup file before anything is restored: the zip, the manifest, every row's shape,
// every template's text and hash, every run's event chain and its answers against that chain,
// and every attachment's bytes against its SHA-256. Returns the rows ready to merge, or every
// reason (up to a limit) the file is refused. Reads nothing from and writes nothing to the device.
import { unzipSync, strFromU8, type Unzipped } from 'fflate';
import type { z } from 'zod';
import { definitionContentHash, validateDefinitionText } from '../../core/definitions';
import type { Profile } from '../../core/people/profile';
import {
  verifyAnswersAgainstEvents,
  verifyChain,
  type Answer,
  type ChainedEvent,
} from '../../core/runs';
import { sha256OfBytes } from './attachment-store';
import {
  ATTACHMENTS_DIR,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATA_FILE,
  MANIFEST_FILE,
  THUMBNAILS_DIR,
  dataSchema,
  describeZodError,
  manifestSchema,
  type BackupData,
  type BackupManifest,
} from './backup-format';
import type { AttachmentRow, DefinitionRow, RunRow } from './database';

export interface RunBundle {
  run: RunRow;
  answers: Answer[];
  events: ChainedEvent[];
  attachments: AttachmentRow[];
}

export interface ValidatedBackup {
  manifest: BackupManifest;
  profile: Profile | undefined;
  definitions: DefinitionRow[];
  runs: RunBundle[];
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

function checkManifestVersion(files: Unzipped): string[] {
  const bytes = files[MANIFEST_FILE];
  if (!bytes) return [];
  try {
    const raw = JSON.parse(strFromU8(bytes)) as { format?: unknown; formatVersion?: unknown };
    if (raw.format !== BACKUP_FORMAT)
      return [`${MANIFEST_FILE}: this is not a Go-live Checklists backup.`];
    if (typeof raw.formatVersion === 'number' && raw.formatVersion > BACKUP_FORMAT_VERSION) {
      return [
        `The backup was made by a newer version of the app (format ${raw.formatVersion}); update the app to restore it.`,
      ];
    }
  } catch {
    return []; // readJson reports it
  }
  return [];
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
    const events = [...(eventsByRun.get(run.id) ?? [])].sort((a, b) => a.seq - b.seq);
    if (new Set(answers.map((a) => a.itemId)).size !== answers.length)
      reasons.push(`${label}: an item has two answers.`);
    const chain = verifyChain(events);
    if (!chain.ok) {
      reasons.push(`${label}: the event log is broken at event ${chain.brokenAt}: ${chain.reason}`);
      continue;
    }
    const tampered = verifyAnswersAgainstEvents(answers, events);
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
  const versionProblems = checkManifestVersion(files);
  if (versionProblems.length > 0) return refuse(versionProblems);
  const manifest = readJson(files, MANIFEST_FILE, manifestSchema);
  if (Array.isArray(manifest)) return refuse(manifest);
  const data = readJson(files, DATA_FILE, dataSchema);
  if (Array.isArray(data)) return refuse(data);

  const reasons = checkEntries(files, data);
  const counts = {
    definitions: data.definitions.length,
    runs: data.runs.length,
    answers: data.answers.length,
    events: data.events.length,
    attachments: data.attachments.length,
  };
  for (const [what, count] of Object.entries(counts)) {
    const expected = manifest.counts[what as keyof typeof counts];
    if (expected !== count)
      reasons.push(`The manifest lists ${expected} ${what} but the backup holds ${count}.`);
  }
  const definitions = checkDefinitions(data, now, reasons);
  const runs = checkRuns(data, reasons);
  const attachments = await checkAttachments(files, data, reasons);
  if (reasons.length > 0) return refuse(reasons);
  const byRun = groupBy(attachments, (a) => a.runId);
  return {
    ok: true,
    backup: {
      manifest,
      profile: data.profile[0],
      definitions,
      runs: runs.map((bundle) => ({ ...bundle, attachments: byRun.get(bundle.run.id) ?? [] })),
    },
  };
}
