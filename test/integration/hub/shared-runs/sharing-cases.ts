// Shared runs on a real hub, part 1: the engineer and coordinator roles (enrollment, the trust
// list, a coordinator's sign-off pushed like an administrator's), who can be invited
// (GET /v1/people), sharing a run and who then sees it (GET /v1/runs, GET /v1/runs/:runId), members
// added and removed (a removal keeps the member with removedAt) and the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustList } from '../../../../core/reports/index';
import type {
  EnrollResponse,
  PeopleResponse,
  SharedRun,
  SharedRunListResponse,
} from '../../../../core/sync/wire-protocol';
import {
  PATHS,
  PROTOCOL_HEADER,
  pathOf,
  WIRE_PROTOCOL_VERSION,
} from '../../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../../hub/enrollment';
import type { StoreFactory, TestHub } from '../hub-harness';
import { startTestHub } from '../hub-harness';
import { signedBundle, signerFor } from '../report-fixtures';
import type { Enrolled } from './run-fixtures';
import { BERLIN, enrollUser, MADRID, shareRequest } from './run-fixtures';

interface Cast {
  owner: Enrolled;
  otherAdmin: Enrolled;
  network: Enrolled;
  servers: Enrolled;
  coordinator: Enrolled;
  madridAdmin: Enrolled;
  supervisor: Enrolled;
  madridSupervisor: Enrolled;
  head: Enrolled;
  revokedEngineer: Enrolled;
}

async function enrollCast(hub: TestHub): Promise<Cast> {
  const cast: Cast = {
    owner: await enrollUser(hub, 'owner', { name: 'Ana Admin', role: 'admin', office: BERLIN }),
    otherAdmin: await enrollUser(hub, 'other', {
      name: 'Olaf Admin',
      role: 'admin',
      office: BERLIN,
    }),
    network: await enrollUser(hub, 'network', {
      name: 'Nina Network',
      role: 'engineer',
      office: BERLIN,
      departments: ['network', 'security'],
    }),
    servers: await enrollUser(hub, 'servers', {
      name: 'Sven Servers',
      role: 'engineer',
      office: MADRID,
      departments: ['servers'],
    }),
    coordinator: await enrollUser(hub, 'coordinator', {
      name: 'Cora Coordinator',
      role: 'coordinator',
      office: BERLIN,
    }),
    madridAdmin: await enrollUser(hub, 'madrid', {
      name: 'Bea Admin',
      role: 'admin',
      office: MADRID,
    }),
    supervisor: await enrollUser(hub, 'supervisor', {
      name: 'Sam Supervisor',
      role: 'supervisor',
      supervises: [BERLIN],
    }),
    madridSupervisor: await enrollUser(hub, 'supervisor-m', {
      name: 'Mia Supervisor',
      role: 'supervisor',
      supervises: [MADRID],
    }),
    head: await enrollUser(hub, 'head', { name: 'Hal Head', role: 'head' }),
    revokedEngineer: await enrollUser(hub, 'revoked', {
      name: 'Rex Revoked',
      role: 'engineer',
      office: BERLIN,
      departments: ['network'],
    }),
  };
  await hub.store.revokeUser(cast.revokedEngineer.user.userId, hub.now().toISOString());
  return cast;
}

export function sharingCases(factory: () => StoreFactory): void {
  describe('shared runs: roles, people, sharing, members and plan', () => {
    let hub: TestHub;
    let cast: Cast;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      cast = await enrollCast(hub);
    });
    afterAll(() => hub.close());

    const get = (who: Enrolled, path: string) => hub.request('GET', path, { token: who.token });
    const post = (who: Enrolled, path: string, json: unknown) =>
      hub.request('POST', path, { token: who.token, json });
    const runsOf = async (who: Enrolled) =>
      ((await get(who, PATHS.runs)).json as unknown as SharedRunListResponse).runs;

    it('tells an app of the protocol before shared runs to update itself (426)', async () => {
      expect(WIRE_PROTOCOL_VERSION).toBe(2);
      for (const path of [PATHS.health, PATHS.runs, PATHS.enroll]) {
        const old = await hub.request('GET', path, {
          token: cast.owner.token,
          headers: { [PROTOCOL_HEADER]: '1' },
        });
        expect(old.status).toBe(426);
        expect(old.json).toEqual({
          error: 'protocol-version',
          message: 'This hub speaks protocol version 2; the app speaks 1. Update the app.',
        });
      }
    });

    it('enrolls engineers with their departments and coordinators with their office', async () => {
      const user = await hub.store.getUser(cast.network.user.userId);
      expect(user).toMatchObject({ role: 'engineer', departments: ['network', 'security'] });
      const fresh = await enrollUser(hub, 'fresh', {
        name: 'Fia Fresh',
        role: 'engineer',
        office: BERLIN,
        departments: ['backup'],
      });
      const again = await hub.store.getUser(fresh.user.userId);
      expect(again?.departments).toEqual(['backup']);
      // The answer to the enrollment itself carries the departments (as the app reads it).
      const user2 = await createUser(
        hub.store,
        { name: 'Dag Database', role: 'engineer', departments: ['databases'] },
        hub.now(),
      );
      const { code } = await issueCode(hub.store, user2, hub.now());
      const { publicKey } = await signerFor('dag', 'Dag Database', 'admin').identity();
      const enrolled = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey, deviceName: 'Dag laptop', profileId: 'profile-dag' },
      });
      expect(enrolled.status).toBe(201);
      expect((enrolled.json as unknown as EnrollResponse).user).toEqual({
        userId: user2.userId,
        name: 'Dag Database',
        role: 'engineer',
        supervises: [],
        departments: ['databases'],
      });
      const devices = await hub.store.listDevices();
      expect(devices.find((d) => d.publicKey === publicKey)?.profileId).toBe('profile-dag');
    });

    it('lists coordinators on the trust list with their office, and never an engineer', async () => {
      const trust = (await get(cast.head, PATHS.trustList)).json as unknown as TrustList;
      const roles = trust.keys.map((key) => key.role);
      expect(roles).not.toContain('engineer');
      expect(trust.keys).toContainEqual(
        expect.objectContaining({ name: 'Cora Coordinator', role: 'coordinator', office: BERLIN }),
      );
      expect(trust.keys.some((key) => key.name === 'Nina Network')).toBe(false);
    });

    it("takes a coordinator's signed-off report of their office; refuses another office's", async () => {
      const signer = signerFor('coordinator', 'Cora Coordinator', 'coordinator', BERLIN);
      const own = await signedBundle(signer, { reportId: 'onboarding-acme', office: BERLIN });
      const stored = await hub.request('POST', PATHS.reports, {
        token: cast.coordinator.token,
        bytes: own.bytes,
      });
      expect(stored.status).toBe(201);
      const madrid = await signedBundle(signer, { reportId: 'onboarding-x', office: MADRID });
      const refused = await hub.request('POST', PATHS.reports, {
        token: cast.coordinator.token,
        bytes: madrid.bytes,
      });
      expect(refused.status).toBe(403);
      expect(refused.json.message).toBe(
        'Cora Coordinator is a coordinator of Berlin, not of Madrid.',
      );
      const engineer = await hub.request('POST', PATHS.reports, {
        token: cast.network.token,
        bytes: own.bytes,
      });
      expect(engineer.status).toBe(403);
    });

    it('lists the people an owner may invite: their office, and engineers of a department', async () => {
      const names = async (who: Enrolled, query = '') => {
        const response = await get(who, `${PATHS.people}${query}`);
        expect(response.status).toBe(200);
        return (response.json as unknown as PeopleResponse).people.map((person) => person.name);
      };
      expect(await names(cast.owner)).toEqual([
        'Cora Coordinator',
        'Fia Fresh',
        'Nina Network',
        'Olaf Admin',
      ]);
      expect(await names(cast.owner, '?department=servers')).toEqual(['Sven Servers']);
      expect(await names(cast.owner, '?department=network')).toEqual(['Nina Network']);
      expect(await names(cast.owner, `?office=${MADRID}`)).toEqual([]);
      expect(await names(cast.owner, `?office=${MADRID}&department=servers`)).toEqual([
        'Sven Servers',
      ]);
      expect(await names(cast.coordinator, '?department=security')).toEqual(['Nina Network']);
      expect(await names(cast.madridAdmin)).toEqual(['Sven Servers']);

      const people = (await get(cast.owner, PATHS.people)).json as unknown as PeopleResponse;
      expect(people.people.find((p) => p.name === 'Nina Network')).toEqual({
        userId: cast.network.user.userId,
        name: 'Nina Network',
        role: 'engineer',
        office: BERLIN,
        departments: ['network', 'security'],
      });
      for (const person of people.people) {
        expect(Object.keys(person).sort()).toEqual(
          expect.arrayContaining(['departments', 'name', 'role', 'userId']),
        );
        expect(JSON.stringify(person)).not.toMatch(/token|publicKey|device/i);
      }
      for (const who of [cast.network, cast.supervisor, cast.head]) {
        expect((await get(who, PATHS.people)).status).toBe(403);
      }
      expect((await get(cast.owner, `${PATHS.people}?department=Not%20an%20id`)).status).toBe(400);
      expect((await get(cast.owner, `${PATHS.people}?role=admin`)).status).toBe(400);
    });

    it('shares a run: the owner and every member see it, so do supervisors of its office', async () => {
      const request = shareRequest('run-share', BERLIN, [
        { userId: cast.network.user.userId },
        { userId: cast.servers.user.userId, departments: ['servers', 'backup'] },
      ]);
      const shared = await post(cast.owner, PATHS.runs, request);
      expect(shared.status).toBe(201);
      const run = shared.json as unknown as SharedRun;
      expect(run).toMatchObject({
        runId: 'run-share',
        office: BERLIN,
        owner: { userId: cast.owner.user.userId, name: 'Ana Admin', role: 'admin' },
        plan: {},
        updatedAt: hub.now().toISOString(),
      });
      expect(
        run.members.map(({ name, role, departments, removedAt }) => ({
          name,
          role,
          departments,
          removedAt,
        })),
      ).toEqual([
        {
          name: 'Nina Network',
          role: 'engineer',
          departments: ['network', 'security'],
          removedAt: undefined,
        },
        {
          name: 'Sven Servers',
          role: 'engineer',
          departments: ['servers', 'backup'],
          removedAt: undefined,
        },
      ]);
      for (const who of [cast.owner, cast.network, cast.servers, cast.supervisor]) {
        expect(await runsOf(who)).toEqual([run]);
        const one = await get(who, pathOf(PATHS.run, { runId: 'run-share' }));
        expect(one.status).toBe(200);
        expect(one.json).toEqual(run);
      }
      for (const who of [cast.otherAdmin, cast.madridAdmin, cast.madridSupervisor, cast.head]) {
        expect(await runsOf(who)).toEqual([]);
        expect((await get(who, pathOf(PATHS.run, { runId: 'run-share' }))).status).toBe(404);
      }
      expect((await get(cast.owner, pathOf(PATHS.run, { runId: 'run-none' }))).status).toBe(404);
    });

    it('answers the same share again with the run as it is, and refuses another run under its id', async () => {
      const before = await hub.store.counts();
      const again = await post(cast.owner, PATHS.runs, shareRequest('run-share', BERLIN));
      expect(again.status).toBe(200);
      expect((again.json as unknown as SharedRun).members).toHaveLength(2);
      const renamed = { ...shareRequest('run-share', BERLIN), name: 'Something else' };
      const other = await post(cast.owner, PATHS.runs, renamed);
      expect(other.status).toBe(409);
      const taken = await post(cast.coordinator, PATHS.runs, shareRequest('run-share', BERLIN));
      expect(taken.status).toBe(409);
      expect(await hub.store.counts()).toEqual(before);
    });

    it('refuses a run of another office, a member the run cannot take, and the wrong roles', async () => {
      const before = await hub.store.counts();
      const madrid = await post(cast.owner, PATHS.runs, shareRequest('run-madrid', MADRID));
      expect(madrid.status).toBe(403);
      expect(madrid.json.message).toMatch(
        /a run they share belongs to their office, not to Madrid/,
      );
      const members = await post(
        cast.owner,
        PATHS.runs,
        shareRequest('run-members', BERLIN, [
          { userId: 'usr-nobody' },
          { userId: cast.madridAdmin.user.userId },
          { userId: cast.supervisor.user.userId },
          { userId: cast.revokedEngineer.user.userId },
          { userId: cast.owner.user.userId },
          { userId: cast.network.user.userId },
          { userId: cast.network.user.userId },
        ]),
      );
      expect(members.status).toBe(400);
      expect(members.json.details).toEqual([
        'members.0: the hub knows no person usr-nobody',
        "members.1: Bea Admin is of Madrid, not of Berlin: only people of the run's office, or engineers, can be members",
        'members.2: Sam Supervisor is supervisor: supervisors and the head of ICT see runs through their offices, they are not members',
        expect.stringMatching(/^members\.3: Rex Revoked was revoked on /),
        'members.4: Ana Admin owns the run already',
        `members.6: ${cast.network.user.userId} is listed twice`,
      ]);
      for (const who of [cast.network, cast.supervisor, cast.head]) {
        const refused = await post(who, PATHS.runs, shareRequest(`run-${who.label}`, BERLIN));
        expect(refused.status).toBe(403);
      }
      const published = await post(cast.owner, PATHS.runs, {
        ...shareRequest('run-definition', BERLIN),
        extra: true,
      });
      expect(published.status).toBe(400);
      expect(await hub.store.counts()).toEqual(before);
    });

    it('lets only the owner change members; a removal keeps the member with removedAt', async () => {
      const path = pathOf(PATHS.runMembers, { runId: 'run-share' });
      for (const who of [cast.network, cast.supervisor, cast.head]) {
        expect((await post(who, path, { add: [] })).status).toBe(403);
      }
      expect((await post(cast.otherAdmin, path, { add: [] })).status).toBe(404);
      expect(
        (await post(cast.madridAdmin, path, { remove: [cast.network.user.userId] })).status,
      ).toBe(404);

      hub.advance(60_000);
      const removedAt = hub.now().toISOString();
      const changed = await post(cast.owner, path, {
        add: [{ userId: cast.coordinator.user.userId, departments: ['network'] }],
        remove: [cast.network.user.userId],
      });
      expect(changed.status).toBe(200);
      const run = changed.json as unknown as SharedRun;
      expect(run.updatedAt).toBe(removedAt);
      expect(run.members.map((m) => [m.name, m.removedAt ?? null])).toEqual([
        ['Nina Network', removedAt],
        ['Sven Servers', null],
        ['Cora Coordinator', null],
      ]);
      // The removed member still sees the run, with their removal.
      const theirs = await runsOf(cast.network);
      expect(theirs).toHaveLength(1);
      expect(theirs[0]?.members.find((m) => m.userId === cast.network.user.userId)?.removedAt).toBe(
        removedAt,
      );
      // Removing again keeps the first removal time; removing a non-member is refused.
      hub.advance(60_000);
      const again = await post(cast.owner, path, { remove: [cast.network.user.userId] });
      expect((again.json as unknown as SharedRun).members[0]?.removedAt).toBe(removedAt);
      const stranger = await post(cast.owner, path, { remove: [cast.otherAdmin.user.userId] });
      expect(stranger.status).toBe(400);
      const both = await post(cast.owner, path, {
        add: [{ userId: cast.servers.user.userId }],
        remove: [cast.servers.user.userId],
      });
      expect(both.status).toBe(400);
      // Added back, the member joins anew.
      hub.advance(60_000);
      const back = await post(cast.owner, path, { add: [{ userId: cast.network.user.userId }] });
      const member = (back.json as unknown as SharedRun).members.find(
        (m) => m.userId === cast.network.user.userId,
      );
      expect(member).toEqual({
        userId: cast.network.user.userId,
        name: 'Nina Network',
        role: 'engineer',
        departments: ['network', 'security'],
        addedAt: hub.now().toISOString(),
      });
    });

    it('lets only the owner set the plan', async () => {
      const path = pathOf(PATHS.runPlan, { runId: 'run-share' });
      const plan = { network: '2025-06-10', servers: '2025-06-12' };
      expect((await post(cast.servers, path, { plan })).status).toBe(403);
      expect((await post(cast.coordinator, path, { plan })).status).toBe(403);
      expect((await post(cast.madridAdmin, path, { plan })).status).toBe(404);
      expect((await post(cast.owner, path, { plan: { Network: 'soon' } })).status).toBe(400);
      const set = await post(cast.owner, path, { plan });
      expect(set.status).toBe(200);
      expect((set.json as unknown as SharedRun).plan).toEqual(plan);
      const seen = await get(cast.servers, pathOf(PATHS.run, { runId: 'run-share' }));
      expect((seen.json as unknown as SharedRun).plan).toEqual(plan);
    });

    it('lets a coordinator share a run of their office and own it', async () => {
      const shared = await post(
        cast.coordinator,
        PATHS.runs,
        shareRequest('onboarding-run', BERLIN, [{ userId: cast.servers.user.userId }]),
      );
      expect(shared.status).toBe(201);
      expect((shared.json as unknown as SharedRun).owner.role).toBe('coordinator');
      const servers = await runsOf(cast.servers);
      expect(servers.map((run) => run.runId).sort()).toEqual(['onboarding-run', 'run-share']);
    });
  });
}
