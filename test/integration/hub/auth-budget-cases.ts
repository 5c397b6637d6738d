// Rate limits in the right order (issue 11, point 5): failed authentication is limited per address
// (a thousand bad tokens get 429 after the budget, with Retry-After, while a colleague's working
// token from the same address still passes); health checks have their own budget, so a monitor
// cannot block enrollment; wrong enrollment codes lock the address out, longer each time, and a
// code carries 100 random bits. Each runs on a hub of its own with the default budgets (the test
// harness raises them for the other suites), except where a small one makes the point sooner.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import { DEFAULT_HUB_LIMITS } from '../../../hub/hub-context';
import { newEnrollmentCode } from '../../../hub/tokens';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople } from './people';
import { signerFor } from './report-fixtures';

function tally(statuses: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const status of statuses) out[status] = (out[status] ?? 0) + 1;
  return out;
}

export function authBudgetCases(factory: () => StoreFactory): void {
  describe('failed authentication, health and enrollment budgets', () => {
    let hub: TestHub;
    let people: People;
    let serial = 0;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    async function freshCode(): Promise<{ code: string; publicKey: string }> {
      serial += 1;
      const user = await createUser(
        hub.store,
        { name: `Budget ${serial}`, role: 'admin', office: BERLIN },
        hub.now(),
      );
      const { code } = await issueCode(hub.store, user, hub.now());
      const { publicKey } = await signerFor(`budget-${serial}`, 'x', 'admin').identity();
      return { code, publicKey };
    }

    it('answers 1,000 bad tokens from one address with 401 until the budget is spent, then 429', async () => {
      // A hub of its own, so its budgets start empty, with the default budget of failures.
      const limited = await hub.sibling({ authFailureMax: DEFAULT_HUB_LIMITS.authFailureMax });
      try {
        // A colleague behind the same address has worked before the attack.
        const colleague = await limited.request('GET', PATHS.trustList, {
          token: people.adminA.token,
        });
        expect(colleague.status).toBe(200);
        const started = performance.now();
        const statuses: number[] = [];
        for (let i = 0; i < 1_000; i += 1) {
          const token = i % 2 === 0 ? `guess-${String(i).padStart(40, '0')}` : undefined;
          const response = await limited.request(
            'GET',
            PATHS.reports,
            token === undefined ? {} : { token },
          );
          statuses.push(response.status);
        }
        const elapsed = performance.now() - started;
        const budget = DEFAULT_HUB_LIMITS.authFailureMax;
        console.log(
          `[${hub.store.engine}] 1,000 requests with a bad or no token: ${JSON.stringify(tally(statuses))} in ${elapsed.toFixed(0)} ms (budget ${budget} per ${DEFAULT_HUB_LIMITS.authFailureWindowMs / 60_000} min)`,
        );
        expect(statuses.slice(0, budget)).toEqual(Array.from({ length: budget }, () => 401));
        expect(statuses.slice(budget)).toEqual(Array.from({ length: 1_000 - budget }, () => 429));
        const refused = await limited.request('GET', PATHS.reports, { token: 'y'.repeat(43) });
        expect(refused.status).toBe(429);
        expect(refused.json.error).toBe('rate-limited');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

        // The colleague's known token still works; a token never seen from here waits like the rest.
        const during = await limited.request('GET', PATHS.trustList, {
          token: people.adminA.token,
        });
        expect(during.status).toBe(200);
        const unseen = await limited.request('GET', PATHS.trustList, { token: people.head.token });
        expect(unseen.status).toBe(429);

        limited.advance(DEFAULT_HUB_LIMITS.authFailureWindowMs);
        const after = await limited.request('GET', PATHS.reports, { token: 'z'.repeat(43) });
        expect(after.status).toBe(401);
        expect(
          (await limited.request('GET', PATHS.trustList, { token: people.head.token })).status,
        ).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('keeps health checks on their own budget: they never block enrollment', async () => {
      const limited = await hub.sibling({ rateLimitMax: 20 });
      try {
        const health: number[] = [];
        for (let i = 0; i < 30; i += 1) {
          health.push((await limited.request('GET', PATHS.health)).status);
        }
        expect(tally(health)).toEqual({ 200: 20, 429: 10 });
        const { code, publicKey } = await freshCode();
        const enrolled = await limited.request('POST', PATHS.enroll, {
          json: { code, publicKey, deviceName: 'after the monitor' },
        });
        expect(enrolled.status).toBe(201);
      } finally {
        await limited.close();
      }
    });

    it('locks an address out after wrong enrollment codes, longer each time', async () => {
      const { enrollFailureMax, enrollFailureWindowMs } = DEFAULT_HUB_LIMITS;
      const limited = await hub.sibling({ enrollFailureMax });
      const guess = async (code: string, publicKey: string) =>
        limited.request('POST', PATHS.enroll, {
          json: { code, publicKey, deviceName: 'guesser' },
        });
      try {
        const { code, publicKey } = await freshCode();
        const first: number[] = [];
        for (let i = 0; i < enrollFailureMax; i += 1) {
          first.push((await guess(newEnrollmentCode(), publicKey)).status);
        }
        expect(first).toEqual(Array.from({ length: enrollFailureMax }, () => 401));
        // Locked out: even the right code is not looked at.
        const locked = await guess(code, publicKey);
        expect(locked.status).toBe(429);
        expect(locked.json.message).toMatch(/Too many wrong enrollment codes/);
        const firstLockout = Number(locked.headers.get('retry-after'));
        expect(firstLockout).toBe(enrollFailureWindowMs / 1000);

        limited.advance(enrollFailureWindowMs);
        expect((await guess(code, publicKey)).status).toBe(201);

        for (let i = 0; i < enrollFailureMax; i += 1) {
          expect((await guess(newEnrollmentCode(), publicKey)).status).toBe(401);
        }
        const again = await guess(newEnrollmentCode(), publicKey);
        expect(again.status).toBe(429);
        expect(Number(again.headers.get('retry-after'))).toBe(2 * firstLockout);
        console.log(
          `[${hub.store.engine}] wrong enrollment codes: ${enrollFailureMax} per ${enrollFailureWindowMs / 60_000} min, then locked out ${firstLockout} s, then ${Number(again.headers.get('retry-after'))} s`,
        );
      } finally {
        await limited.close();
      }
    });

    it('makes enrollment codes of 100 random bits, unique, in an alphabet without look-alikes', () => {
      const codes = Array.from({ length: 2_000 }, () => newEnrollmentCode());
      for (const code of codes) {
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
      }
      expect(new Set(codes).size).toBe(codes.length);
      // 20 symbols of 32: every symbol turns up, none far more often than the others.
      const counts = tally(
        codes.flatMap((code) => [...code.replaceAll('-', '')].map((c) => c.charCodeAt(0))),
      );
      const frequencies = Object.values(counts);
      expect(frequencies).toHaveLength(32);
      const expected = (2_000 * 20) / 32;
      expect(Math.min(...frequencies)).toBeGreaterThan(expected * 0.8);
      expect(Math.max(...frequencies)).toBeLessThan(expected * 1.2);
    });
  });
}
