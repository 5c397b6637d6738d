// The hub as a service: health, the OpenAPI document listing every path of the wire protocol,
// migrations applied once, the rate limit per device (429 with Retry-After), body size limits,
// the protocol version check (426) and unknown routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, PROTOCOL_HEADER, WIRE_PROTOCOL_VERSION } from '../../../core/sync/wire-protocol';
import { hubMigrations } from '../../../hub/store/migrate';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { enrollPeople } from './people';
import { PROBE_PATHS } from '../../../hub/health/probe-routes';
import { METRICS_PATH } from '../../../hub/metrics/metrics-routes';

/** Methods of each path, as the wire protocol defines them. */
const EXPECTED_OPERATIONS: Record<string, string[]> = {
  [PATHS.health]: ['get'],
  [PATHS.enroll]: ['post'],
  [PATHS.trustList]: ['get'],
  [PATHS.reports]: ['get', 'post'],
  [PATHS.report]: ['get'],
  [PATHS.reportSignatures]: ['post'],
  [PATHS.progress]: ['get', 'post'],
  [PATHS.definitions]: ['get', 'post'],
  [PATHS.definition]: ['get'],
  [PATHS.openApi]: ['get'],
  [PATHS.notificationPreferences]: ['get', 'put'],
  [PATHS.people]: ['get'],
  [PATHS.runs]: ['get', 'post'],
  [PATHS.run]: ['get'],
  [PATHS.runMembers]: ['post'],
  [PATHS.runPlan]: ['post'],
  [PATHS.runEvents]: ['get', 'post'],
  [PATHS.runEvidenceList]: ['get'],
  [PATHS.runEvidence]: ['get', 'post'],
  [PROBE_PATHS.live]: ['get'],
  [PROBE_PATHS.ready]: ['get'],
  [METRICS_PATH]: ['get'],
};

export function platformCases(factory: () => StoreFactory): void {
  describe('health, openapi, migrations and limits', () => {
    let hub: TestHub;
    let people: People;

    beforeAll(async () => {
      hub = await startTestHub(factory(), { jsonBodyBytes: 16 * 1024 });
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    it('answers health without a token', async () => {
      const response = await hub.request('GET', PATHS.health);
      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        status: 'ok',
        protocolVersion: WIRE_PROTOCOL_VERSION,
        time: hub.now().toISOString(),
      });
    });

    it('serves an OpenAPI document that lists every path of the wire protocol', async () => {
      const response = await hub.request('GET', PATHS.openApi);
      expect(response.status).toBe(200);
      const document = response.json as {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };
      expect(document.openapi).toBe('3.0.3');
      const documented = Object.fromEntries(
        Object.entries(document.paths).map(([route, operations]) => [
          route,
          Object.keys(operations).sort(),
        ]),
      );
      const expected = Object.fromEntries(
        Object.entries(EXPECTED_OPERATIONS).map(([route, methods]) => [
          route.replace(/:([a-zA-Z]+)/g, '{$1}'),
          methods,
        ]),
      );
      expect(documented).toEqual(expected);
      const enroll = document.paths['/v1/enroll']?.post as {
        requestBody?: unknown;
        responses?: Record<string, unknown>;
      };
      expect(enroll.requestBody).toBeDefined();
      expect(Object.keys(enroll.responses ?? {})).toEqual(
        expect.arrayContaining(['201', '401', '429']),
      );
    });

    it('applies each migration once, also when the store is opened again', async () => {
      const applied = await hub.store.appliedMigrations();
      expect(applied.map((m) => m.version)).toEqual(hubMigrations().map((m) => m.version));
      const before = await hub.store.counts();
      const reopened = await hub.reopen();
      try {
        expect(await reopened.appliedMigrations()).toEqual(applied);
        expect(await reopened.counts()).toEqual(before);
      } finally {
        await reopened.close();
      }
    });

    it('refuses another protocol major version with 426 and a malformed one with 400', async () => {
      const other = await hub.request('GET', PATHS.health, {
        headers: { [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION + 1) },
      });
      expect(other.status).toBe(426);
      expect(other.json.error).toBe('protocol-version');
      const minor = await hub.request('GET', PATHS.health, {
        headers: { [PROTOCOL_HEADER]: `${WIRE_PROTOCOL_VERSION}.4` },
      });
      expect(minor.status).toBe(200);
      const bad = await hub.request('GET', PATHS.health, { headers: { [PROTOCOL_HEADER]: 'one' } });
      expect(bad.status).toBe(400);
    });

    it('refuses a JSON body over the limit (413), bad JSON (400) and unknown routes (404)', async () => {
      const big = await hub.request('POST', PATHS.enroll, {
        json: { code: 'x'.repeat(20_000), publicKey: 'y', deviceName: 'z' },
      });
      expect(big.status).toBe(413);
      expect(big.json.error).toBe('payload-too-large');
      const broken = await hub.request('POST', PATHS.progress, {
        token: people.adminA.token,
        text: '{"runId":',
      });
      expect(broken.status).toBe(400);
      expect(broken.json.error).toBe('bad-request');
      const proto = await hub.request('POST', PATHS.progress, {
        token: people.adminA.token,
        text: '{"__proto__":{"isAdmin":true}}',
      });
      expect(proto.status).toBe(400);
      const unknown = await hub.request('GET', '/v1/nothing-here', { token: people.adminA.token });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toBe('not-found');
    });
  });

  describe('rate limit', () => {
    let hub: TestHub;
    let people: People;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    it('limits each device on its own and says when to retry (429 + Retry-After)', async () => {
      const limited = await hub.sibling({ rateLimitMax: 3, rateLimitWindowMs: 60_000 });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          statuses.push(
            (await limited.request('GET', PATHS.trustList, { token: people.adminA.token })).status,
          );
        }
        expect(statuses).toEqual([200, 200, 200, 429]);
        const refused = await limited.request('GET', PATHS.trustList, {
          token: people.adminA.token,
        });
        expect(refused.status).toBe(429);
        expect(refused.json.error).toBe('rate-limited');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        const other = await limited.request('GET', PATHS.trustList, { token: people.adminB.token });
        expect(other.status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
}
