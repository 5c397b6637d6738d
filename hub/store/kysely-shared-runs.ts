// The shared runs' part of the hub's store on Kysely, for both engines (hub/shared-runs/run-store.ts
// says what it promises). Every change to a run first takes the run's row (FOR UPDATE on
// PostgreSQL; SQLite's immediate transaction holds the one write lock already), so pushes, member
// changes and plan changes on one run happen one after the other: cursors are handed out and
// committed in order, and a push is judged on members and heads nobody changes meanwhile.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DefinitionKind } from '../../core/definitions/schema';
import { canonicalJson } from '../../core/runs/canonical';
import type { RunEvent } from '../../core/runs/run-event';
import { evidenceNamedBy } from '../../core/sync/evidence-refs';
import type { EvidenceRecord, PutEvidenceOutcome } from '../shared-runs/evidence-store';
import type {
  ChainRecord,
  MemberChanges,
  MemberRecord,
  PushInput,
  PushPlan,
  PushResult,
  PushState,
  SharedRunRecord,
  SharedRunStore,
  StoredEvent,
} from '../shared-runs/run-store';
import type { DialectHooks } from './dialect-hooks';
import type { InsertOutcome, OfficeScope } from './hub-store';
import { bufferOf, bytes, iso, textList } from './records';
import type { HubDatabase } from './schema';
import type { RunMembersTable, SharedRunsTable } from './shared-run-tables';

type Executor = Kysely<HubDatabase> | Transaction<HubDatabase>;

/** Rows per insert statement: well under both engines' limits on bound values. */
const EVENT_ROWS_PER_INSERT = 200;

function changed(result: { numUpdatedRows: bigint } | { numInsertedOrUpdatedRows?: bigint }) {
  const count =
    'numUpdatedRows' in result ? result.numUpdatedRows : result.numInsertedOrUpdatedRows;
  return Number(count ?? 0n);
}

function runFrom(row: Selectable<SharedRunsTable>): SharedRunRecord {
  return {
    runId: row.run_id,
    name: row.name,
    kind: row.kind as DefinitionKind,
    office: row.office,
    definitionId: row.definition_id,
    definitionVersion: row.definition_version,
    definitionHash: row.definition_hash,
    parameters: JSON.parse(row.parameters) as SharedRunRecord['parameters'],
    plannedGoLive: row.planned_go_live,
    createdAt: row.created_at,
    ownerId: row.owner_id,
    plan: JSON.parse(row.plan) as SharedRunRecord['plan'],
    updatedAt: iso(row.updated_at),
  };
}

function memberFrom(row: Selectable<RunMembersTable>): MemberRecord {
  return {
    runId: row.run_id,
    userId: row.user_id,
    departments: textList(row.departments),
    addedAt: iso(row.added_at),
    removedAt: row.removed_at === null ? null : iso(row.removed_at),
  };
}

export class KyselySharedRunStore implements SharedRunStore {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly hooks: DialectHooks,
  ) {}

  private async runRow(db: Executor, runId: string, lock: boolean) {
    return db
      .selectFrom('shared_runs')
      .selectAll()
      .where('run_id', '=', runId)
      .$if(lock && this.hooks.locksRows, (query) => query.forUpdate())
      .executeTakeFirst();
  }

  private async membersIn(db: Executor, runId: string): Promise<MemberRecord[]> {
    const rows = await db
      .selectFrom('run_members')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('added_at')
      .orderBy(this.hooks.byBytes('user_id'))
      .execute();
    return rows.map(memberFrom);
  }

  async createRun(
    run: SharedRunRecord,
    members: readonly Omit<MemberRecord, 'runId'>[],
  ): Promise<InsertOutcome<SharedRunRecord>> {
    return this.db.transaction().execute(async (trx): Promise<InsertOutcome<SharedRunRecord>> => {
      const result = await trx
        .insertInto('shared_runs')
        .values({
          run_id: run.runId,
          name: run.name,
          kind: run.kind,
          office: run.office,
          definition_id: run.definitionId,
          definition_version: run.definitionVersion,
          definition_hash: run.definitionHash,
          parameters: canonicalJson(run.parameters),
          planned_go_live: run.plannedGoLive,
          created_at: run.createdAt,
          owner_id: run.ownerId,
          plan: canonicalJson(run.plan),
          updated_at: run.updatedAt,
          last_cursor: 0,
        })
        .onConflict((conflict) => conflict.column('run_id').doNothing())
        .executeTakeFirst();
      if (changed(result) === 0) {
        const existing = await this.runRow(trx, run.runId, false);
        if (!existing)
          throw new Error('hub store: a shared run conflicted but cannot be read back');
        return { inserted: false, existing: runFrom(existing) };
      }
      if (members.length > 0) {
        await trx
          .insertInto('run_members')
          .values(
            members.map((member) => ({
              run_id: run.runId,
              user_id: member.userId,
              departments: JSON.stringify(member.departments),
              added_at: member.addedAt,
              removed_at: member.removedAt,
            })),
          )
          .execute();
      }
      return { inserted: true };
    });
  }

  async getRun(runId: string): Promise<SharedRunRecord | undefined> {
    const row = await this.runRow(this.db, runId, false);
    return row ? runFrom(row) : undefined;
  }

  members(runId: string): Promise<MemberRecord[]> {
    return this.membersIn(this.db, runId);
  }

  async runsOf(userId: string, offices: OfficeScope): Promise<SharedRunRecord[]> {
    const rows = await this.db
      .selectFrom('shared_runs')
      .selectAll()
      .$if(offices !== 'all', (query) =>
        query.where((eb) =>
          eb.or([
            eb('owner_id', '=', userId),
            eb(
              'run_id',
              'in',
              eb
                .selectFrom('run_members')
                .select('run_members.run_id')
                .where('run_members.user_id', '=', userId),
            ),
            ...(offices.length > 0 ? [eb('office', 'in', [...offices])] : []),
          ]),
        ),
      )
      .orderBy('created_at')
      .orderBy(this.hooks.byBytes('run_id'))
      .execute();
    return rows.map(runFrom);
  }

  async membersOf(runIds: readonly string[]): Promise<Map<string, MemberRecord[]>> {
    const byRun = new Map<string, MemberRecord[]>();
    if (runIds.length === 0) return byRun;
    const rows = await this.db
      .selectFrom('run_members')
      .selectAll()
      .where('run_id', 'in', [...runIds])
      .orderBy('added_at')
      .orderBy(this.hooks.byBytes('user_id'))
      .execute();
    for (const row of rows) {
      const list = byRun.get(row.run_id) ?? [];
      list.push(memberFrom(row));
      byRun.set(row.run_id, list);
    }
    return byRun;
  }

  async changeMembers(
    runId: string,
    decide: (run: SharedRunRecord, members: readonly MemberRecord[]) => MemberChanges,
    at: string,
  ): Promise<MemberRecord[] | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.runRow(trx, runId, true);
      if (!row) return undefined;
      const changes = decide(runFrom(row), await this.membersIn(trx, runId));
      for (const member of changes.upsert) {
        const values = {
          departments: JSON.stringify(member.departments),
          added_at: member.addedAt,
          removed_at: null,
        };
        await trx
          .insertInto('run_members')
          .values({ run_id: runId, user_id: member.userId, ...values })
          .onConflict((conflict) => conflict.columns(['run_id', 'user_id']).doUpdateSet(values))
          .execute();
      }
      if (changes.remove.length > 0) {
        await trx
          .updateTable('run_members')
          .set({ removed_at: at })
          .where('run_id', '=', runId)
          .where('user_id', 'in', [...changes.remove])
          .where('removed_at', 'is', null)
          .execute();
      }
      await trx
        .updateTable('shared_runs')
        .set({ updated_at: at })
        .where('run_id', '=', runId)
        .execute();
      return this.membersIn(trx, runId);
    });
  }

  async setPlan(runId: string, plan: Record<string, string>, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('shared_runs')
      .set({ plan: canonicalJson(plan), updated_at: at })
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async pushEvents(
    input: PushInput,
    decide: (state: PushState) => PushPlan,
  ): Promise<PushResult | undefined> {
    return this.db.transaction().execute(async (trx): Promise<PushResult | undefined> => {
      const row = await this.runRow(trx, input.runId, true);
      if (!row) return undefined;
      const chains = await trx
        .selectFrom('run_chains')
        .selectAll()
        .where('run_id', '=', input.runId)
        .execute();
      const chainRow = chains.find((chain) => chain.chain === input.chain);
      const current: ChainRecord | undefined = chainRow && {
        runId: chainRow.run_id,
        chain: chainRow.chain,
        deviceId: chainRow.device_id,
        userId: chainRow.user_id,
        length: Number(chainRow.length),
        head: chainRow.head,
      };
      const held = new Map<number, string>();
      if (current && input.fromSeq <= current.length) {
        const rows = await trx
          .selectFrom('run_events')
          .select(['seq', 'hash'])
          .where('run_id', '=', input.runId)
          .where('chain', '=', input.chain)
          .where('seq', '>=', input.fromSeq)
          .where('seq', '<=', Math.min(input.toSeq, current.length))
          .execute();
        for (const event of rows) held.set(Number(event.seq), event.hash);
      }
      const plan = decide({
        run: runFrom(row),
        members: await this.membersIn(trx, input.runId),
        chain: current,
        held,
        lengths: new Map(chains.map((chain) => [chain.chain, Number(chain.length)])),
      });
      const accepted = plan.append.length;
      const last = plan.append.at(-1);
      if (!last) {
        if (!current) throw new Error('hub store: a push with nothing new names no held chain');
        return { chain: current, accepted: 0, duplicates: plan.duplicates };
      }
      await this.appendEvents(trx, input, Number(row.last_cursor), plan.append);
      await trx
        .updateTable('shared_runs')
        .set({ last_cursor: Number(row.last_cursor) + accepted })
        .where('run_id', '=', input.runId)
        .execute();
      const chain: ChainRecord = {
        runId: input.runId,
        chain: input.chain,
        deviceId: current?.deviceId ?? input.deviceId,
        userId: current?.userId ?? input.userId,
        length: last.seq,
        head: last.hash,
      };
      if (current) {
        const moved = await trx
          .updateTable('run_chains')
          .set({ length: chain.length, head: chain.head })
          .where('run_id', '=', input.runId)
          .where('chain', '=', input.chain)
          .where('length', '=', current.length)
          .executeTakeFirst();
        if (changed(moved) !== 1) throw new Error('hub store: a chain moved during a push');
      } else {
        await trx
          .insertInto('run_chains')
          .values({
            run_id: input.runId,
            chain: input.chain,
            device_id: chain.deviceId,
            user_id: chain.userId,
            length: chain.length,
            head: chain.head,
          })
          .execute();
      }
      return { chain, accepted, duplicates: plan.duplicates };
    });
  }

  private async appendEvents(
    trx: Transaction<HubDatabase>,
    input: PushInput,
    lastCursor: number,
    events: readonly RunEvent[],
  ): Promise<void> {
    const rows = events.map((event, index) => ({
      run_id: input.runId,
      cursor: lastCursor + index + 1,
      chain: event.chain,
      seq: event.seq,
      hash: event.hash,
      type: event.type,
      actor_id: event.actor.id,
      event_json: canonicalJson(event),
      device_id: input.deviceId,
      received_at: input.receivedAt,
    }));
    for (let start = 0; start < rows.length; start += EVENT_ROWS_PER_INSERT) {
      await trx
        .insertInto('run_events')
        .values(rows.slice(start, start + EVENT_ROWS_PER_INSERT))
        .execute();
    }
    await this.nameEvidence(trx, input, events);
  }

  /** A row (without bytes) for every file the appended events name that the run has none for. */
  private async nameEvidence(
    trx: Transaction<HubDatabase>,
    input: PushInput,
    events: readonly RunEvent[],
  ): Promise<void> {
    const named = new Map<string, number>();
    for (const event of events) {
      const file = evidenceNamedBy(event);
      if (file && !named.has(file.sha256)) named.set(file.sha256, file.size);
    }
    const rows = [...named].map(([sha256, size]) => ({
      run_id: input.runId,
      sha256,
      size,
      named_at: input.receivedAt,
    }));
    for (let start = 0; start < rows.length; start += EVENT_ROWS_PER_INSERT) {
      await trx
        .insertInto('run_evidence')
        .values(rows.slice(start, start + EVENT_ROWS_PER_INSERT))
        .onConflict((conflict) => conflict.columns(['run_id', 'sha256']).doNothing())
        .execute();
    }
  }

  async evidence(runId: string): Promise<EvidenceRecord[]> {
    const rows = await this.db
      .selectFrom('run_evidence')
      .select(['sha256', 'size', (eb) => eb('bytes', 'is not', null).as('held')])
      .where('run_id', '=', runId)
      .orderBy('named_at')
      .orderBy(this.hooks.byBytes('sha256'))
      .execute();
    return rows.map((row) => ({
      sha256: row.sha256,
      size: Number(row.size),
      // SQLite answers 0 or 1, PostgreSQL a boolean.
      held: Boolean(row.held),
    }));
  }

  async evidenceFile(
    runId: string,
    sha256: string,
  ): Promise<{ size: number; bytes: Uint8Array | undefined } | undefined> {
    const row = await this.db
      .selectFrom('run_evidence')
      .select(['size', 'bytes'])
      .where('run_id', '=', runId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!row) return undefined;
    return { size: Number(row.size), bytes: row.bytes === null ? undefined : bytes(row.bytes) };
  }

  async putEvidence(
    runId: string,
    sha256: string,
    content: Uint8Array,
    uploadedBy: string,
    at: string,
  ): Promise<PutEvidenceOutcome> {
    const result = await this.db
      .updateTable('run_evidence')
      .set({ bytes: bufferOf(content), uploaded_by: uploadedBy, uploaded_at: at })
      .where('run_id', '=', runId)
      .where('sha256', '=', sha256)
      .where('bytes', 'is', null)
      .executeTakeFirst();
    if (changed(result) > 0) return 'stored';
    const row = await this.db
      .selectFrom('run_evidence')
      .select('sha256')
      .where('run_id', '=', runId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row ? 'held' : 'not-named';
  }

  async events(runId: string, after: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('run_events')
      .select(['cursor', 'event_json'])
      .where('run_id', '=', runId)
      .where('cursor', '>', after)
      .orderBy('cursor')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      cursor: Number(row.cursor),
      event: JSON.parse(row.event_json) as RunEvent,
    }));
  }
}
