// Migration 004_run_evidence on a hub that accepted attach events before it (a database as
// migration 003 left it, with a shared run, a member's device and its events): the migration names
// every file those events attach, once per run and hash, without bytes, so the laptop that holds a
// file uploads it on its next sync. Run per engine (evidence-upgrade.{sqlite,postgres}.test.ts).
import { describe, expect, it } from 'vitest';
import type { RawDatabaseFactory } from '../store/raw-database';

const AT = '2025-06-02T08:00:00.000Z';
const PHOTO = { sha256: 'a'.repeat(64), size: 2048 };
const CONFIG = { sha256: 'b'.repeat(64), size: 300 };

/** An event row's JSON as the hub stored it (only what the migration reads matters here). */
function eventJson(type: string, attachment?: { sha256: string; size: number }, id = 'ref-1') {
  const action = attachment
    ? {
        type,
        itemId: 'speed-test',
        attachment: { id, name: `${id}.png`, mimeType: 'image/png', ...attachment },
      }
    : { type, itemId: 'speed-test', notes: 'Measured twice.' };
  return JSON.stringify({ type, itemId: 'speed-test', payload: { action } });
}

export function evidenceUpgradeCases(factory: () => RawDatabaseFactory): void {
  describe('migration 004: files named by attach events accepted before it', () => {
    it('names each file once per run, without bytes, and changes no event', async () => {
      const raw = await factory()();
      try {
        await (await raw.openStore()).close();
        // Back to the database as migration 003 left it.
        await raw.run('DROP TABLE run_evidence');
        await raw.run('DELETE FROM kysely_migration WHERE name = ?', ['004_run_evidence']);
        await raw.run(
          'INSERT INTO users (user_id, name, role, office, supervises, created_at, departments) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ['usr-nina', 'Nina Network', 'engineer', 'Berlin', '[]', AT, '["network"]'],
        );
        await raw.run(
          'INSERT INTO devices (device_id, user_id, name, token_hash, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          ['dev-nina', 'usr-nina', 'Nina laptop', 'hash-nina', 'key-nina', AT],
        );
        for (const runId of ['run-1', 'run-2']) {
          await raw.run(
            'INSERT INTO shared_runs (run_id, name, kind, office, definition_id, definition_version, definition_hash, parameters, planned_go_live, created_at, owner_id, plan, updated_at, last_cursor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
              runId,
              runId,
              'new-office',
              'Berlin',
              'new-office',
              '1.2.0',
              'c'.repeat(64),
              '{}',
              '2025-06-20',
              AT,
              'usr-nina',
              '{}',
              AT,
              3,
            ],
          );
        }
        const events: [string, number, string][] = [
          ['run-1', 1, eventJson('attach', PHOTO, 'ref-1')],
          ['run-1', 2, eventJson('setNotes')],
          // The same photo attached again, to another item: one file.
          ['run-1', 3, eventJson('attach', PHOTO, 'ref-2')],
          ['run-2', 1, eventJson('attach', CONFIG, 'ref-3')],
          ['run-2', 2, eventJson('attach', PHOTO, 'ref-4')],
        ];
        for (const [runId, cursor, json] of events) {
          await raw.run(
            'INSERT INTO run_events (run_id, cursor, chain, seq, hash, type, actor_id, event_json, device_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
              runId,
              cursor,
              'chain-nina',
              cursor,
              `${cursor}`.padStart(64, '0'),
              JSON.parse(json).type,
              'usr-nina',
              json,
              'dev-nina',
              AT,
            ],
          );
        }

        const store = await raw.openStore();
        try {
          expect((await store.appliedMigrations()).map((m) => m.name)).toContain('run_evidence');
          expect(await store.sharedRuns.evidence('run-1')).toEqual([
            { sha256: PHOTO.sha256, size: PHOTO.size, held: false },
          ]);
          expect(await store.sharedRuns.evidence('run-2')).toEqual(
            [
              { sha256: PHOTO.sha256, size: PHOTO.size, held: false },
              { sha256: CONFIG.sha256, size: CONFIG.size, held: false },
            ].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)),
          );
          expect((await store.counts()).run_events).toBe(5);
          // Named: the laptop that holds the photo may now upload it.
          expect(
            await store.sharedRuns.putEvidence(
              'run-1',
              PHOTO.sha256,
              new Uint8Array([1]),
              'usr-nina',
              AT,
            ),
          ).toBe('stored');
        } finally {
          await store.close();
        }
      } finally {
        await raw.close();
      }
    });
  });
}
