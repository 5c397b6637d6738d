// Progress snapshots (idempotent on runId + takenAt, own office only, latest + history per run)
// and definitions (published by the admin CLI's function, served byte for byte).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DefinitionListResponse,
  ProgressListResponse,
} from '../../../core/sync/wire-protocol';
import { DEFINITION_HASH_HEADER, pathOf, PATHS } from '../../../core/sync/wire-protocol';
import { publishDefinition } from '../../../hub/publish-definition';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID, snapshot } from './people';

const DEFINITION_FILE = path.resolve(
  import.meta.dirname,
  '../../../checklists/new-office/1.1.0.yaml',
);

export function progressAndDefinitionCases(factory: () => StoreFactory): void {
  describe('progress and definitions', () => {
    let hub: TestHub;
    let people: People;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    const postProgress = (token: string, json: unknown) =>
      hub.request('POST', PATHS.progress, { token, json });

    it('stores a snapshot once per (runId, takenAt)', async () => {
      const first = snapshot('run-p1', BERLIN, '2025-06-01T10:00:00.000Z');
      const created = await postProgress(people.adminA.token, first);
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ runId: 'run-p1', takenAt: first.takenAt, replay: false });
      const replay = await postProgress(people.adminA.token, first);
      expect(replay.status).toBe(200);
      expect(replay.json.replay).toBe(true);
      const changed = await postProgress(people.adminA.token, { ...first, resolved: 11 });
      expect(changed.status).toBe(409);
      const later = await postProgress(
        people.adminA.token,
        snapshot('run-p1', BERLIN, '2025-06-01T12:00:00.000Z', 30),
      );
      expect(later.status).toBe(201);
      const counts = await hub.store.counts();
      expect(counts.progress_snapshots).toBe(2);
    });

    it("refuses another office's snapshot, a run of another office and non-administrators", async () => {
      expect(
        (
          await postProgress(
            people.adminB.token,
            snapshot('run-p2', BERLIN, '2025-06-01T10:00:00.000Z'),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await postProgress(
            people.adminB.token,
            snapshot('run-p1', MADRID, '2025-06-01T13:00:00.000Z'),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await postProgress(
            people.supervisorA.token,
            snapshot('run-p3', BERLIN, '2025-06-01T10:00:00.000Z'),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await postProgress(
            people.head.token,
            snapshot('run-p3', BERLIN, '2025-06-01T10:00:00.000Z'),
          )
        ).status,
      ).toBe(403);
      const invalid = await postProgress(people.adminA.token, {
        ...snapshot('run-p3', BERLIN, 'soon'),
        extra: 1,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.json.details).toEqual(
        expect.arrayContaining([expect.stringMatching(/^takenAt/)]),
      );
    });

    it('lists the latest snapshot and the history of each run the reader may see', async () => {
      await postProgress(
        people.adminB.token,
        snapshot('run-m1', MADRID, '2025-06-01T09:00:00.000Z'),
      );
      const runsFor = async (token: string, query = '') =>
        (
          (await hub.request('GET', `${PATHS.progress}${query}`, { token }))
            .json as unknown as ProgressListResponse
        ).runs;
      const berlin = await runsFor(people.supervisorA.token);
      expect(berlin.map((r) => r.runId)).toEqual(['run-p1']);
      expect(berlin[0]?.latest.resolved).toBe(30);
      expect(berlin[0]?.history.map((h) => h.takenAt)).toEqual([
        '2025-06-01T10:00:00.000Z',
        '2025-06-01T12:00:00.000Z',
      ]);
      expect((await runsFor(people.adminB.token)).map((r) => r.runId)).toEqual(['run-m1']);
      expect((await runsFor(people.head.token)).map((r) => r.runId).sort()).toEqual([
        'run-m1',
        'run-p1',
      ]);
      expect((await runsFor(people.head.token, '?runId=run-m1')).map((r) => r.office)).toEqual([
        MADRID,
      ]);
    });

    it('publishes a definition once and serves it byte for byte', async () => {
      const text = readFileSync(DEFINITION_FILE, 'utf8');
      const published = await publishDefinition(hub.store, text, DEFINITION_FILE, hub.now());
      expect(published).toMatchObject({
        ok: true,
        id: 'new-office',
        version: '1.1.0',
        alreadyPublished: false,
      });
      const again = await publishDefinition(hub.store, text, DEFINITION_FILE, hub.now());
      expect(again).toMatchObject({ ok: true, alreadyPublished: true });
      const changed = await publishDefinition(
        hub.store,
        `${text}\n# edited\n`,
        DEFINITION_FILE,
        hub.now(),
      );
      expect(changed.ok).toBe(false);
      expect(changed.ok ? [] : changed.problems[0]).toMatch(
        /already published with another content/,
      );
      const invalid = await publishDefinition(hub.store, 'id: [', 'broken.yaml', hub.now());
      expect(invalid.ok).toBe(false);

      const list = await hub.request('GET', PATHS.definitions, { token: people.adminA.token });
      expect(list.status).toBe(200);
      const definitions = (list.json as unknown as DefinitionListResponse).definitions;
      expect(definitions).toEqual([
        {
          id: 'new-office',
          version: '1.1.0',
          hash: published.ok ? published.hash : '',
          publishedAt: hub.now().toISOString(),
        },
      ]);
      const one = await hub.request(
        'GET',
        pathOf(PATHS.definition, { id: 'new-office', version: '1.1.0' }),
        {
          token: people.head.token,
        },
      );
      expect(one.status).toBe(200);
      expect(new TextDecoder().decode(one.bytes)).toBe(text);
      expect(one.headers.get(DEFINITION_HASH_HEADER)).toBe(published.ok ? published.hash : '');
      const missing = await hub.request(
        'GET',
        pathOf(PATHS.definition, { id: 'new-office', version: '9.9.9' }),
        {
          token: people.head.token,
        },
      );
      expect(missing.status).toBe(404);
    });
  });
}
