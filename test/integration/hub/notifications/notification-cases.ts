// The notifications end to end, run once per store engine: a real hub, its real store, the real
// routes that cause notifications (progress, reports, signatures), the notification service on the
// hub's clock, a real SMTP server and a webhook receiver. Each case starts a world of its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendBack, signOff } from '../../../../core/reports/index';
import type { ProgressSnapshot } from '../../../../core/sync/wire-protocol';
import { PATHS, pathOf } from '../../../../core/sync/wire-protocol';
import type { Person } from '../hub-harness';
import { BERLIN, MADRID } from '../people';
import { bundleOf, reportBody, signedBundle } from '../report-fixtures';
import type { NotifyWorld, RawStoreFactory } from './notify-harness';
import { startNotifyWorld } from './notify-harness';

const HOUR = 3_600_000;

interface SnapshotShape {
  office?: string;
  planned?: string;
  blockers?: string[];
  /** Estimated minutes of work left (one section, nothing of it resolved). */
  remaining?: number;
}

const TITLES: Record<string, string> = {
  'second-isp': 'Second ISP line',
  'ups-power': 'UPS on the rack',
  'badge-readers': 'Badge readers',
};

export function progress(
  runId: string,
  takenAt: string,
  shape: SnapshotShape = {},
): ProgressSnapshot {
  const office = shape.office ?? BERLIN;
  const blockers = shape.blockers ?? [];
  const remaining = shape.remaining ?? 60;
  return {
    runId,
    office,
    runName: `Opening ${office}`,
    kind: 'new-office',
    definitionId: 'new-office',
    definitionVersion: '1.1.0',
    plannedGoLive: shape.planned ?? '2025-06-30',
    takenAt,
    decision: 'no-go',
    total: 10,
    resolved: remaining === 0 ? 10 : 0,
    blocked: blockers.length,
    failing: 0,
    estimateMinutes: remaining,
    actualMinutes: 0,
    blockers: blockers.map((itemId) => ({
      itemId,
      title: TITLES[itemId] ?? itemId,
      department: 'network',
      reason: `${TITLES[itemId] ?? itemId} is late`,
    })),
    sections: [
      {
        sectionId: 'network',
        title: 'Network',
        department: 'network',
        total: 10,
        resolved: remaining === 0 ? 10 : 0,
        blocked: blockers.length,
        estimateMinutes: remaining,
        actualMinutes: 0,
      },
    ],
    items: blockers.map((itemId) => ({ itemId, status: 'blocked' as const })),
  };
}

export function notificationCases(factory: () => RawStoreFactory): void {
  describe('notifications', () => {
    let world: NotifyWorld;
    let raw: RawStoreFactory;

    beforeEach(async () => {
      raw = factory();
      world = await startNotifyWorld(raw);
      const { people, hooks } = world;
      await world.choose(people.supervisorA, { language: 'es', email: 'sam@berlin.example' });
      await world.choose(people.head, {
        email: 'hal@hq.example',
        webhooks: [
          { format: 'teams', url: hooks.url('/teams') },
          { format: 'slack', url: hooks.url('/slack') },
          { format: 'generic', url: hooks.url('/generic') },
        ],
      });
      await world.choose(people.supervisorB, { email: 'mia@madrid.example' });
      await world.choose(people.adminA, { email: 'ana@berlin.example' });
      await world.choose(people.adminB, { email: 'bea@madrid.example' });
    });
    afterEach(() => world.close());

    const mailsTo = (address: string) =>
      world.smtp.mails.filter((mail) => mail.envelopeTo.includes(address));
    const subjects = (address: string) => mailsTo(address).map((mail) => mail.parsed.subject);

    async function push(person: Person, snapshot: ProgressSnapshot, status = 201) {
      const response = await world.hub.request('POST', PATHS.progress, {
        token: person.token,
        json: snapshot,
      });
      expect(response.status, JSON.stringify(response.json)).toBe(status);
    }

    it('tells the office supervisors and the head of each new blocker, once, in their language', async () => {
      const { people, hub, service, hooks } = world;
      const t0 = hub.now().getTime();
      const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
      await push(people.adminA, progress('run-berlin', at(-10), { blockers: ['second-isp'] }));
      await service.tick();
      expect(subjects('sam@berlin.example')).toEqual([
        'Bloqueo registrado: Opening Berlin (Berlin)',
      ]);
      expect(subjects('hal@hq.example')).toEqual(['Blocker raised: Opening Berlin (Berlin)']);
      expect(mailsTo('sam@berlin.example')[0]?.parsed.text).toContain(
        'Second ISP line (network): Second ISP line is late',
      );
      expect(hooks.received.map((hook) => hook.path).sort()).toEqual([
        '/generic',
        '/slack',
        '/teams',
      ]);

      // Still blocked, plus a new one: only the new one is news.
      await push(
        people.adminA,
        progress('run-berlin', at(-5), { blockers: ['second-isp', 'ups-power'] }),
      );
      // The same snapshot again is a replay; an older one arriving late is history.
      await push(
        people.adminA,
        progress('run-berlin', at(-5), { blockers: ['second-isp', 'ups-power'] }),
        200,
      );
      await push(people.adminA, progress('run-berlin', at(-20), { blockers: ['badge-readers'] }));
      await service.tick();
      const sam = mailsTo('sam@berlin.example');
      expect(sam).toHaveLength(2);
      expect(sam[1]?.parsed.text).toContain('UPS on the rack (network)');
      expect(sam[1]?.parsed.text).not.toContain('Second ISP line (network)');
      expect(sam[1]?.parsed.text).toContain('Elementos bloqueados ahora: 2');
      expect(subjects('hal@hq.example')).toHaveLength(2);
      expect(hooks.received).toHaveLength(6);
      // Nobody else hears of Berlin's blockers.
      expect(mailsTo('mia@madrid.example')).toEqual([]);
      expect(mailsTo('ana@berlin.example')).toEqual([]);
      // A blocker of Madrid reaches Madrid's supervisor and the head, not Berlin's supervisor.
      await push(
        people.adminB,
        progress('run-madrid', at(-1), { office: MADRID, blockers: ['ups-power'] }),
      );
      await service.tick();
      expect(subjects('mia@madrid.example')).toEqual(['Blocker raised: Opening Madrid (Madrid)']);
      expect(mailsTo('sam@berlin.example')).toHaveLength(2);
      expect(await hub.store.notifications.notificationCounts()).toMatchObject({
        pending: 0,
        sending: 0,
        failed: 0,
      });
    });

    it('says when a go-live slips past the plan, then only when it slips further', async () => {
      const { people, hub, service } = world;
      const run = (takenAt: string, remaining: number) =>
        progress('run-slip', takenAt, { planned: '2025-06-03', remaining });
      // 480 min left at twice the estimate: 2 days from 2025-06-02, one day past the plan.
      await push(people.adminA, run('2025-06-02T07:00:00.000Z', 480));
      await push(people.adminA, run('2025-06-02T07:30:00.000Z', 480));
      await service.tick();
      hub.advance(48 * HOUR);
      await push(people.adminA, run('2025-06-04T07:00:00.000Z', 480));
      // Better again (still late, but less): no news.
      await push(people.adminA, run('2025-06-04T07:30:00.000Z', 0));
      await service.tick();
      expect(subjects('sam@berlin.example')).toEqual([
        'Puesta en marcha con retraso: Opening Berlin (Berlin) esperada el 2025-06-04, 1 día de retraso',
        'Puesta en marcha con retraso: Opening Berlin (Berlin) esperada el 2025-06-06, 3 días de retraso',
      ]);
      expect(mailsTo('hal@hq.example')[1]?.parsed.text).toContain(
        'Opening Berlin in Berlin slipped further: it is now expected to go live on 2025-06-06, 3 days after the planned 2025-06-03 (it was 1 day late).',
      );
    });

    it('asks the supervisors for a countersign, reminds them once, and tells the office of a send-back', async () => {
      const { people, hub, service } = world;
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-r1',
        office: BERLIN,
      });
      const stored = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: report.bytes,
      });
      expect(stored.status).toBe(201);
      await service.tick();
      expect(subjects('sam@berlin.example')).toEqual([
        'Pendiente de su refrendo: Opening Berlin (Berlin), revisión 1',
      ]);
      expect(mailsTo('mia@madrid.example')).toEqual([]);
      expect(mailsTo('hal@hq.example')).toEqual([]);

      hub.advance(23 * HOUR);
      await service.tick();
      expect(mailsTo('sam@berlin.example')).toHaveLength(1);
      hub.advance(2 * HOUR);
      await service.tick();
      hub.advance(30 * HOUR);
      await service.tick();
      expect(subjects('sam@berlin.example')).toEqual([
        'Pendiente de su refrendo: Opening Berlin (Berlin), revisión 1',
        'Recordatorio: Opening Berlin (Berlin) lleva 25 horas esperando refrendo',
      ]);

      const back = await sendBack(
        people.supervisorA.signer,
        report.signed,
        hub.now().toISOString(),
        'Attach the speed test of line 2.',
      );
      const response = await hub.request(
        'POST',
        pathOf(PATHS.reportSignatures, { reportId: 'run-r1', revision: 1 }),
        { token: people.supervisorA.token, json: { signature: back.signatures[1] } },
      );
      expect(response.status).toBe(201);
      await service.tick();
      const ana = mailsTo('ana@berlin.example');
      expect(ana.map((mail) => mail.parsed.subject)).toEqual([
        'Sent back: Opening Berlin (Berlin), revision 1',
      ]);
      expect(ana[0]?.parsed.text).toContain(
        'Sam Supervisor sent the report of Opening Berlin back.',
      );
      expect(ana[0]?.parsed.text).toContain('Attach the speed test of line 2.');
      expect(mailsTo('bea@madrid.example')).toEqual([]);
    });

    it('tells the office when a report arrives already sent back (reviewed offline)', async () => {
      const { people, hub, service } = world;
      const body = reportBody({ reportId: 'run-offline', office: BERLIN });
      const signed = await signOff(people.adminA.signer, body, body.signedAt);
      const back = await sendBack(
        people.supervisorA.signer,
        signed,
        '2025-06-01T18:00:00.000Z',
        'Redo the failover test.',
      );
      const response = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: bundleOf(back),
      });
      expect(response.status).toBe(201);
      await service.tick();
      expect(subjects('ana@berlin.example')).toEqual([
        'Sent back: Opening Berlin (Berlin), revision 1',
      ]);
      expect(mailsTo('sam@berlin.example')).toEqual([]);
    });

    it('sends one daily digest per supervisor (their offices) and one for the head (all)', async () => {
      const { people, hub, service } = world;
      await push(
        people.adminA,
        progress('run-berlin', '2025-06-02T07:00:00.000Z', { blockers: ['second-isp'] }),
      );
      await push(
        people.adminB,
        progress('run-madrid', '2025-06-02T07:00:00.000Z', { office: MADRID }),
      );
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-r2',
        office: BERLIN,
      });
      await hub.request('POST', PATHS.reports, { token: people.adminA.token, bytes: report.bytes });
      await service.tick();
      // 23:30 UTC, past the digest hour (23:00): the day's digests, once.
      hub.advance(15.5 * HOUR);
      await service.tick();
      await service.tick();
      const digests = (address: string) =>
        mailsTo(address).filter((mail) =>
          /^(Daily digest|Resumen diario)/.test(mail.parsed.subject ?? ''),
        );
      expect(digests('sam@berlin.example').map((mail) => mail.parsed.subject)).toEqual([
        'Resumen diario 2025-06-02: 1 ejecución en curso, 1 pendiente de refrendo',
      ]);
      const sam = digests('sam@berlin.example')[0]?.parsed.text ?? '';
      expect(sam).toContain('Opening Berlin (Berlin): 0 % hecho, 1 bloqueado');
      expect(sam).toContain('Pendiente de refrendo: Opening Berlin (Berlin), revisión 1');
      expect(sam).not.toContain('Madrid');
      expect(digests('mia@madrid.example').map((mail) => mail.parsed.subject)).toEqual([
        'Daily digest 2025-06-02: 1 run in progress, 0 waiting for a countersign',
      ]);
      const hal = digests('hal@hq.example');
      expect(hal.map((mail) => mail.parsed.subject)).toEqual([
        'Daily digest 2025-06-02: 2 runs in progress, 1 waiting for a countersign',
      ]);
      expect(hal[0]?.parsed.text).toContain('Offices: all offices');
      // Administrators get no digest; the next day brings the next one.
      expect(digests('ana@berlin.example')).toEqual([]);
      hub.advance(24 * HOUR);
      await service.tick();
      expect(digests('hal@hq.example')).toHaveLength(2);
    });

    it('lets each user read and replace their own preferences, refusing inward webhook targets', async () => {
      const { people, hub } = world;
      const path = PATHS.notificationPreferences;
      const initial = await hub.request('GET', path, { token: people.adminB.token });
      expect(initial.status).toBe(200);
      expect(initial.json).toMatchObject({
        stored: true,
        preferences: { email: 'bea@madrid.example' },
      });
      const newcomer = await hub.enroll('nia', 'Nia New', 'admin', BERLIN);
      const fresh = await hub.request('GET', path, { token: newcomer.token });
      expect(fresh.status).toBe(200);
      expect(fresh.json).toEqual({
        stored: false,
        updatedAt: null,
        preferences: { language: 'en', causes: expect.any(Array), email: null, webhooks: [] },
      });
      const chosen = {
        language: 'es',
        causes: ['sent-back', 'blocker-raised', 'sent-back'],
        email: 'ana@berlin.example',
        webhooks: [{ format: 'slack', url: 'https://hooks.example.org/services/T0/B0/x' }],
      };
      const saved = await hub.request('PUT', path, { token: people.adminA.token, json: chosen });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      expect(saved.json).toMatchObject({
        stored: true,
        preferences: { ...chosen, causes: ['blocker-raised', 'sent-back'] },
      });
      expect((await hub.request('GET', path, { token: people.adminA.token })).json).toMatchObject(
        saved.json,
      );
      // Someone else's preferences are untouched.
      expect((await hub.request('GET', path, { token: people.adminB.token })).json).toEqual(
        initial.json,
      );

      for (const [url, detail] of [
        ['http://127.0.0.1:8787/v1/health', /loopback/],
        ['http://169.254.169.254/latest/meta-data', /link-local/],
        ['ftp://example.org/x', /http/],
      ] as const) {
        const refused = await hub.request('PUT', path, {
          token: people.adminA.token,
          json: { ...chosen, webhooks: [{ format: 'generic', url }] },
        });
        expect(refused.status, url).toBe(400);
        expect(JSON.stringify(refused.json.details), url).toMatch(detail);
      }
      const unknown = await hub.request('PUT', path, {
        token: people.adminA.token,
        json: { ...chosen, sms: '+49 30 1234' },
      });
      expect(unknown.status).toBe(400);
      expect((await hub.request('GET', path)).status).toBe(401);
      // What was saved before the refusals is still there.
      expect((await hub.request('GET', path, { token: people.adminA.token })).json).toMatchObject(
        saved.json,
      );
    });

    it('sends nothing a person did not choose', async () => {
      const { people, service, hooks } = world;
      await world.choose(people.head, {
        causes: ['daily-digest'],
        email: 'hal@hq.example',
        webhooks: [{ format: 'generic', url: hooks.url('/generic') }],
      });
      await world.choose(people.supervisorA, { email: null, webhooks: [] });
      await push(
        people.adminA,
        progress('run-quiet', '2025-06-02T07:00:00.000Z', { blockers: ['second-isp'] }),
      );
      await service.sender.drain();
      expect(world.smtp.mails).toEqual([]);
      expect(hooks.received).toEqual([]);
      expect(await world.hub.store.notifications.listNotifications()).toEqual([]);
    });

    it('writes the outbox in the transaction of the change: no outbox, no snapshot', async () => {
      const { people, hub, service } = world;
      const before = await hub.store.counts();
      await raw.raw('ALTER TABLE notification_outbox RENAME TO notification_outbox_away');
      const snapshot = progress('run-atomic', '2025-06-02T07:00:00.000Z', {
        blockers: ['second-isp'],
      });
      await push(people.adminA, snapshot, 500);
      expect((await hub.store.counts()).progress_snapshots).toBe(before.progress_snapshots);
      await raw.raw('ALTER TABLE notification_outbox_away RENAME TO notification_outbox');
      await push(people.adminA, snapshot, 201);
      await service.tick();
      expect(subjects('sam@berlin.example')).toEqual([
        'Bloqueo registrado: Opening Berlin (Berlin)',
      ]);
    });

    it('loses nothing while the mail server is down and sends each mail once when it is back', async () => {
      const { people, hub, service, smtp } = world;
      await smtp.stop();
      await push(
        people.adminA,
        progress('run-down', '2025-06-02T07:00:00.000Z', { blockers: ['second-isp'] }),
      );
      await service.tick();
      const waiting = await hub.store.notifications.listNotifications({ states: ['pending'] });
      expect(waiting.map((row) => row.target).sort()).toEqual([
        'hal@hq.example',
        'sam@berlin.example',
      ]);
      expect(waiting.every((row) => row.attempts === 1 && /SMTP/.test(row.lastError ?? ''))).toBe(
        true,
      );
      await smtp.start();
      hub.advance(2 * HOUR);
      await service.tick();
      hub.advance(2 * HOUR);
      await service.tick();
      expect(subjects('sam@berlin.example')).toEqual([
        'Bloqueo registrado: Opening Berlin (Berlin)',
      ]);
      expect(subjects('hal@hq.example')).toEqual(['Blocker raised: Opening Berlin (Berlin)']);
      const ids = smtp.mails.map((mail) => mail.parsed.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await hub.store.notifications.notificationCounts()).toMatchObject({
        pending: 0,
        failed: 0,
      });
    });
  });
}
