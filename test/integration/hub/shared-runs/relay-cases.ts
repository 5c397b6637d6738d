// Shared runs on a real hub, part 2: the hub as the relay of every device's chain. Two devices
// push interleaved events and pull each other's by cursor, and their run logs converge; a retry is
// a duplicate, stored once; a forged hash, a gap, a fork, another device's chain, an event
// recorded as someone else, an event depending on events the hub lacks: each refused with nothing
// stored. A removed member is refused (their work stays on their device), the others carry on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../core/runs';
import { hashEvent, verifyRunLog } from '../../../../core/runs';
import type { PullEventsResponse } from '../../../../core/sync/wire-protocol';
import { PATHS, pathOf } from '../../../../core/sync/wire-protocol';
import { waiverDecision } from '../../../unit/core/runs/fixtures';
import type { StoreFactory, TestHub } from '../hub-harness';
import { startTestHub } from '../hub-harness';
import type { Enrolled } from './run-fixtures';
import {
  BERLIN,
  Device,
  enrollDevice,
  enrollUser,
  eventsPath,
  MADRID,
  shareRequest,
} from './run-fixtures';

const RUN = 'run-relay';

interface Cast {
  owner: Enrolled;
  network: Enrolled;
  networkLaptop2: Enrolled;
  servers: Enrolled;
  offline: Enrolled;
  supervisor: Enrolled;
  head: Enrolled;
  madridAdmin: Enrolled;
}

export function relayCases(factory: () => StoreFactory): void {
  describe('shared runs: the event relay', () => {
    let hub: TestHub;
    let cast: Cast;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      const network = await enrollUser(hub, 'network', {
        name: 'Nina Network',
        role: 'engineer',
        office: BERLIN,
        departments: ['network'],
      });
      cast = {
        owner: await enrollUser(hub, 'owner', { name: 'Ana Admin', role: 'admin', office: BERLIN }),
        network,
        networkLaptop2: await enrollDevice(hub, 'network-2', network.user),
        servers: await enrollUser(hub, 'servers', {
          name: 'Sven Servers',
          role: 'engineer',
          office: MADRID,
          departments: ['infrastructure'],
        }),
        // Worked on the run before enrolling: its first events carry the local profile id.
        offline: await enrollUser(
          hub,
          'offline',
          { name: 'Olga Offline', role: 'engineer', office: BERLIN, departments: ['backup'] },
          'profile-olga-local',
        ),
        supervisor: await enrollUser(hub, 'supervisor', {
          name: 'Sam Supervisor',
          role: 'supervisor',
          supervises: [BERLIN],
        }),
        head: await enrollUser(hub, 'head', { name: 'Hal Head', role: 'head' }),
        madridAdmin: await enrollUser(hub, 'madrid', {
          name: 'Bea Admin',
          role: 'admin',
          office: MADRID,
        }),
      };
      const shared = await hub.request('POST', PATHS.runs, {
        token: cast.owner.token,
        json: shareRequest(RUN, BERLIN, [
          { userId: cast.network.user.userId },
          { userId: cast.servers.user.userId },
          { userId: cast.offline.user.userId },
        ]),
      });
      expect(shared.status).toBe(201);
    });
    afterAll(() => hub.close());

    const device = (person: Enrolled, chain?: string) => new Device(hub, person, RUN, chain);

    /** Runs `attempt` and checks it left every table as it was; returns its response. */
    async function storesNothing<T>(attempt: () => Promise<T>): Promise<T> {
      const before = await hub.store.counts();
      const result = await attempt();
      expect(await hub.store.counts()).toEqual(before);
      return result;
    }

    it('relays interleaved pushes: each device pulls the other by cursor and both converge', async () => {
      const owner = device(cast.owner);
      const network = device(cast.network);
      owner.note('core-switches', 'Racked both switches.');
      owner.note('av-policy', 'Policy set to enforced.');
      const first = await owner.push();
      expect(first).toEqual({
        runId: RUN,
        chain: owner.chain,
        seq: 2,
        head: owner.own()[1]?.hash,
        accepted: 2,
        duplicates: 0,
      });
      network.note('isp-lines', 'Telekom line live.');
      await network.push();
      expect(await network.pull()).toBe(3);
      // Built on the owner's two events: its clock names them.
      const onTop = network.note('core-switches', 'Checked the uplinks too.');
      expect(onTop.clock).toEqual({ [owner.chain]: 2 });
      owner.note('wifi-survey', 'Survey booked.');
      await owner.push();
      await network.push();
      expect(await owner.pull(2)).toBe(5);
      expect(await network.pull()).toBe(2);

      for (const log of [owner.session.log, network.session.log]) {
        expect(log.size).toBe(5);
        expect(log.pendingCount).toBe(0);
        expect(verifyRunLog(RUN, log.events()).ok).toBe(true);
      }
      expect(owner.session.log.events()).toEqual(network.session.log.events());
      expect(Object.fromEntries(owner.session.answers)).toEqual(
        Object.fromEntries(network.session.answers),
      );
      expect(owner.session.answers.get('core-switches')?.notes).toBe('Checked the uplinks too.');
      expect(owner.session.log.conflictIds().size).toBe(0);
    });

    it('serves pages in the order received, with monotonic cursors and `more`', async () => {
      const path = eventsPath(RUN);
      const pages: PullEventsResponse[] = [];
      let after = 0;
      for (;;) {
        const response = await hub.request('GET', `${path}?after=${after}&limit=4`, {
          token: cast.supervisor.token,
        });
        expect(response.status).toBe(200);
        const page = response.json as unknown as PullEventsResponse;
        pages.push(page);
        expect(page.cursor).toBeGreaterThan(after);
        after = page.cursor;
        if (!page.more) break;
      }
      expect(pages.map((page) => page.events.length)).toEqual([4, 1]);
      const empty = await hub.request('GET', `${path}?after=${after}`, { token: cast.owner.token });
      expect(empty.json).toEqual({ runId: RUN, events: [], cursor: after, more: false });
      const all = pages.flatMap((page) => page.events);
      // Every event arrives after the events its clock names.
      all.forEach((event, index) => {
        for (const [chain, count] of Object.entries(event.clock ?? {})) {
          const seen = all.slice(0, index).filter((e) => e.chain === chain).length;
          expect(seen).toBeGreaterThanOrEqual(count);
        }
      });
      for (const query of ['?after=-1', '?limit=0', '?limit=501', '?after=x', '?since=1']) {
        expect(
          (await hub.request('GET', `${path}${query}`, { token: cast.owner.token })).status,
        ).toBe(400);
      }
    });

    it('answers a retry as duplicates and stores it once', async () => {
      const servers = device(cast.servers);
      servers.note('backup-target', 'NAS-01 racked.');
      servers.note('ups-installed-on', 'UPS in the server room.');
      const events = [...servers.own()];
      const stored = await servers.post(events);
      expect(stored.status).toBe(201);
      const retry = await storesNothing(() => servers.post(events));
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual({
        runId: RUN,
        chain: servers.chain,
        seq: 2,
        head: events[1]?.hash,
        accepted: 0,
        duplicates: 2,
      });
      // A retry overlapping new events: the held ones count as duplicates, the new one is stored.
      servers.note('backup-target', 'NAS-01 racked and tested.');
      const overlap = await servers.post([...servers.own()]);
      expect(overlap.status).toBe(201);
      expect(overlap.json).toMatchObject({ seq: 3, accepted: 1, duplicates: 2 });
      // Sent concurrently, twice: stored once.
      servers.note('ups-installed-on', 'UPS tested.');
      const last = servers.own().slice(-1);
      const [a, b] = await Promise.all([servers.post(last), servers.post(last)]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      const held = await hub.request('GET', `${eventsPath(RUN)}?after=0`, {
        token: cast.owner.token,
      });
      const mine = (held.json as unknown as PullEventsResponse).events.filter(
        (event) => event.chain === servers.chain,
      );
      expect(mine.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    });

    it('refuses a forged hash, a gap, a fork and a foreign run, storing nothing', async () => {
      const network = device(cast.network, 'chain-network-forgery');
      network.note('speed-test', 'First.');
      await network.push();
      const [next] = network.record({ type: 'setNotes', itemId: 'speed-test', notes: 'Second.' });
      const event = next as RunEvent;

      const forged = {
        ...event,
        payload: { ...event.payload, after: { ...event.payload.after, notes: 'Forged.' } },
      };
      const badHash = await storesNothing(() => network.post([forged as RunEvent]));
      expect(badHash.status).toBe(400);
      expect(badHash.json.message).toBe(
        'events[0] (event 2) does not hash to the hash it carries: it was changed after it was recorded.',
      );

      const [third] = network.record({ type: 'setNotes', itemId: 'speed-test', notes: 'Third.' });
      const gap = await storesNothing(() => network.post([third as RunEvent]));
      expect(gap.status).toBe(409);
      expect(gap.json.message).toBe(
        `The hub holds events 1 to 1 of device log ${network.chain}; this push starts at event 3. Send from event 2.`,
      );

      const unordered = await storesNothing(() => network.post([third as RunEvent, event]));
      expect(unordered.status).toBe(400);

      // A second history of the same device log: another event 2 on top of event 1.
      const fork = device(cast.network, network.chain);
      fork.session.log.add(network.own()[0] as RunEvent);
      const [other] = fork.record({ type: 'setNotes', itemId: 'speed-test', notes: 'Other.' });
      await network.post([event]);
      const forkAtHeld = await storesNothing(() => network.post([other as RunEvent]));
      expect(forkAtHeld.status).toBe(409);
      expect(forkAtHeld.json.message).toMatch(/this history forked, so nothing was stored\.$/);
      // Event 3 of the fork follows the fork's event 2, not the hub's: its prevHash says so.
      const [forkThird] = fork.record({ type: 'setNotes', itemId: 'speed-test', notes: 'Fork 3.' });
      const forkAfter = await storesNothing(() => network.post([forkThird as RunEvent]));
      expect(forkAfter.status).toBe(409);
      expect(forkAfter.json.message).toMatch(/does not follow event 2 the hub holds/);

      const rehashed = { ...event, runId: 'run-elsewhere' };
      const otherRun = await storesNothing(() =>
        network.post([{ ...rehashed, hash: hashEvent(rehashed) }]),
      );
      expect(otherRun.status).toBe(400);
      expect(otherRun.json.message).toBe(
        'events[0] (event 2) belongs to run run-elsewhere, not to run-relay.',
      );

      const mixed = device(cast.network, 'chain-mixed');
      mixed.note('speed-test', 'Mixed.');
      const twoLogs = await storesNothing(() =>
        network.post([...mixed.own(), ...network.own().slice(2)]),
      );
      expect(twoLogs.status).toBe(400);
    });

    it('refuses another device pushing a device log it did not start (403)', async () => {
      const laptop1 = device(cast.network, 'chain-network-laptop-1');
      laptop1.note('firewall-change', 'Rules drafted.');
      await laptop1.push();
      laptop1.note('firewall-change', 'Rules reviewed.');
      // The same person's other laptop, even with a valid continuation of the log.
      const response = await storesNothing(() =>
        hub.request('POST', eventsPath(RUN), {
          token: cast.networkLaptop2.token,
          json: { events: laptop1.own().slice(1) },
        }),
      );
      expect(response.status).toBe(403);
      expect(response.json.message).toBe(
        "Device log chain-network-laptop-1 of this run is another device's: each device pushes only its own log.",
      );
      // Even the events it already holds (a "duplicate" push) are refused.
      const replay = await storesNothing(() =>
        hub.request('POST', eventsPath(RUN), {
          token: cast.networkLaptop2.token,
          json: { events: laptop1.own().slice(0, 1) },
        }),
      );
      expect(replay.status).toBe(403);
      expect((await laptop1.push()).accepted).toBe(1);
    });

    it('accepts events recorded as the person or as the profile their device enrolled with; refuses anyone else', async () => {
      const offline = new Device(hub, cast.offline, RUN, 'chain-olga', {
        id: 'profile-olga-local',
        name: 'Olga',
        role: 'admin',
      });
      offline.note('backup-target', 'Tested offline before enrolling.');
      offline.actor = cast.offline.actor;
      offline.note('backup-target', 'And again once enrolled.');
      expect((await offline.push()).accepted).toBe(2);

      const impostor = new Device(hub, cast.network, RUN, 'chain-impostor', cast.owner.actor);
      impostor.note('av-policy', 'Recorded as the owner.');
      const asOwner = await storesNothing(() => impostor.push().catch((error: Error) => error));
      expect(String(asOwner)).toMatch(/403/);
      const response = await storesNothing(() => impostor.post([...impostor.own()]));
      expect(response.json.message).toBe(
        `events[0] (event 1) is recorded as Ana Admin (${cast.owner.user.userId}); this device pushes the work of Nina Network only.`,
      );
      const otherProfile = new Device(hub, cast.network, RUN, 'chain-other-profile', {
        id: 'profile-olga-local',
        name: 'Olga',
        role: 'admin',
      });
      otherProfile.note('av-policy', "Recorded as another device's profile.");
      expect((await storesNothing(() => otherProfile.post([...otherProfile.own()]))).status).toBe(
        403,
      );
    });

    it('refuses an event depending on events the hub does not have', async () => {
      const servers = device(cast.servers, 'chain-servers-2');
      const network = device(cast.network, 'chain-network-unsynced');
      network.note('isp-lines', 'Never pushed.');
      // Handed over some other way (a USB stick): the servers device builds on it.
      servers.session.log.add(network.own()[0] as RunEvent);
      servers.note('isp-lines', 'On top of the unpushed note.');
      const response = await storesNothing(() => servers.post([...servers.own()]));
      expect(response.status).toBe(409);
      expect(response.json.message).toBe(
        'events[0] (event 1) depends on events the hub does not have: event 1 of device log chain-network-unsynced (the hub holds 0). Nothing was stored.',
      );
      await network.push();
      expect((await servers.push()).accepted).toBe(1);
    });

    it('refuses a removed member with a message that their work stays; the others carry on', async () => {
      const removed = device(cast.offline, 'chain-olga-2');
      const staying = device(cast.servers, 'chain-servers-3');
      removed.note('wifi-survey', 'Before the removal.');
      await removed.push();
      hub.advance(60_000);
      const removal = await hub.request('POST', pathOf(PATHS.runMembers, { runId: RUN }), {
        token: cast.owner.token,
        json: { remove: [cast.offline.user.userId] },
      });
      expect(removal.status).toBe(200);
      removed.note('wifi-survey', 'After the removal, offline.');
      const refused = await storesNothing(() => removed.post(removed.own().slice(1)));
      expect(refused.status).toBe(403);
      expect(refused.json.message).toBe(
        `You were removed from the run "Go-live ${RUN}" on ${hub.now().toISOString()}: the hub accepts and sends no more of its events for you. Your work on it stays on your device.`,
      );
      expect(removed.own()).toHaveLength(2);
      const pull = await hub.request('GET', eventsPath(RUN), { token: cast.offline.token });
      expect(pull.status).toBe(403);
      // The others are unaffected, and still get the removed member's earlier work.
      staying.note('wifi-survey', 'Carrying on.');
      expect((await staying.push()).accepted).toBe(1);
      await staying.pull();
      expect(staying.session.log.eventsOfChain('chain-olga-2')).toHaveLength(1);
    });

    it('lets supervisors read the events and push only waiver decisions; the head and strangers nothing', async () => {
      const supervisor = device(cast.supervisor, 'chain-supervisor');
      supervisor.note('av-policy', 'A supervisor is no member.');
      const pushed = await storesNothing(() => supervisor.post([...supervisor.own()]));
      expect(pushed.status).toBe(403);
      expect(pushed.json.message).toBe(
        'You may push only decideWaiver events to this run; events[0] (event 1) is a setNotes.',
      );
      // The owner asks to waive a blocking item; the supervisor of the office decides it.
      const owner = device(cast.owner, 'chain-owner-waiver');
      owner.record({ type: 'waive', itemId: 'failover-test', justification: 'ISP tested it.' });
      await owner.push();
      const decider = device(cast.supervisor, 'chain-supervisor-decisions');
      await decider.pull();
      decider.record(waiverDecision(decider.session, 'failover-test'));
      const decided = await decider.push();
      expect(decided).toMatchObject({ accepted: 1, duplicates: 0 });
      await owner.pull();
      expect(owner.session.answers.get('failover-test')?.waiver?.decision?.by).toEqual(
        cast.supervisor.actor,
      );
      expect(
        (await hub.request('GET', eventsPath(RUN), { token: cast.supervisor.token })).status,
      ).toBe(200);
      const head = device(cast.head, 'chain-head');
      head.note('av-policy', 'Nor is the head.');
      expect((await storesNothing(() => head.post([...head.own()]))).status).toBe(403);
      expect((await hub.request('GET', eventsPath(RUN), { token: cast.head.token })).status).toBe(
        404,
      );
      const stranger = device(cast.madridAdmin, 'chain-stranger');
      stranger.note('av-policy', 'Not my run.');
      expect((await storesNothing(() => stranger.post([...stranger.own()]))).status).toBe(404);
      expect(
        (await hub.request('GET', eventsPath(RUN), { token: cast.madridAdmin.token })).status,
      ).toBe(404);
      const missing = await hub.request('GET', eventsPath('run-missing'), {
        token: cast.owner.token,
      });
      expect(missing.status).toBe(404);
    });

    it('keeps every device log contiguous and the whole history verifiable', async () => {
      const response = await hub.request('GET', `${eventsPath(RUN)}?after=0`, {
        token: cast.owner.token,
      });
      const events = (response.json as unknown as PullEventsResponse).events;
      expect(verifyRunLog(RUN, events)).toMatchObject({ ok: true });
      const receipts = new Map<string, number>();
      for (const event of events) {
        expect(event.seq).toBe((receipts.get(event.chain) ?? 0) + 1);
        receipts.set(event.chain, event.seq);
      }
      expect(events.length).toBe((await hub.store.counts()).run_events);
    });
  });
}
