// Evidence files of shared runs (issue 13): the bytes of a file attached on one member's laptop,
// relayed to the others. One row per run and SHA-256, made when the hub accepts an event that
// names the file (an `attach`), its bytes filled in once a device that holds them uploads them. A
// hub that accepted attach events before this migration gets their rows here, without bytes.
// Never edit a released migration: add the next one.
import type { Kysely, Migration } from 'kysely';
import type { DialectHooks } from '../dialect-hooks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own type for migrations
type AnyDatabase = Kysely<any>;

interface AttachEventRow {
  run_id: string;
  event_json: string;
  received_at: Date | string;
}

/** The SHA-256 and size an attach event names, or undefined for a row that names none. */
function namedFile(eventJson: string): { sha256: string; size: number } | undefined {
  const event = JSON.parse(eventJson) as {
    payload?: { action?: { attachment?: { sha256?: unknown; size?: unknown } } };
  };
  const attachment = event.payload?.action?.attachment;
  if (typeof attachment?.sha256 !== 'string' || typeof attachment.size !== 'number') return;
  return { sha256: attachment.sha256, size: attachment.size };
}

export function runEvidenceSchema(hooks: DialectHooks): Migration {
  const moment = hooks.momentType;
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema
        .createTable('run_evidence')
        .addColumn('run_id', 'text', (c) => c.notNull().references('shared_runs.run_id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('named_at', moment, (c) => c.notNull())
        .addColumn('bytes', hooks.bytesType)
        .addColumn('uploaded_by', 'text')
        .addColumn('uploaded_at', moment)
        .addPrimaryKeyConstraint('run_evidence_pkey', ['run_id', 'sha256'])
        .execute();

      const attaches = (await db
        .selectFrom('run_events')
        .select(['run_id', 'event_json', 'received_at'])
        .where('type', '=', 'attach')
        .orderBy('run_id')
        .orderBy('cursor')
        .execute()) as AttachEventRow[];
      const seen = new Set<string>();
      for (const row of attaches) {
        const file = namedFile(row.event_json);
        if (!file || seen.has(`${row.run_id} ${file.sha256}`)) continue;
        seen.add(`${row.run_id} ${file.sha256}`);
        const namedAt =
          row.received_at instanceof Date ? row.received_at.toISOString() : row.received_at;
        await db
          .insertInto('run_evidence')
          .values({ run_id: row.run_id, sha256: file.sha256, size: file.size, named_at: namedAt })
          .execute();
      }
    },
  };
}
