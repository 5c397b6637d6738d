// People and devices of the shared-run tests: anyone enrolled through the real POST /v1/enroll (an
// engineer with departments, a coordinator, a device that registers its local profile id), and a
// simulated device per person: the core's RunLog with recordAction (test/unit/core/runs/fixtures'
// Session), which pushes its own chain and merges what it pulls, as the app does.
import type { Actor, Action, RunEvent } from '../../../../core/runs';
import type {
  EnrollResponse,
  PullEventsResponse,
  PushEventsReceipt,
  ShareRunRequest,
} from '../../../../core/sync/wire-protocol';
import { PATHS, pathOf } from '../../../../core/sync/wire-protocol';
import type { NewUserInput } from '../../../../hub/enrollment';
import { createUser, issueCode } from '../../../../hub/enrollment';
import type { UserRecord } from '../../../../hub/store/hub-store';
import { definition, makeRun, Session } from '../../../unit/core/runs/fixtures';
import type { Response, TestHub } from '../hub-harness';
import { signerFor } from '../report-fixtures';

export const BERLIN = 'Berlin';
export const MADRID = 'Madrid';

export interface Enrolled {
  label: string;
  user: UserRecord;
  token: string;
  deviceId: string;
  /** The profile id the device registered at enrollment, if any. */
  profileId?: string;
  actor: Actor;
}

/** Creates the user and enrolls one device of theirs through POST /v1/enroll. */
export async function enrollUser(
  hub: TestHub,
  label: string,
  input: NewUserInput,
  profileId?: string,
): Promise<Enrolled> {
  const user = await createUser(hub.store, input, hub.now());
  return enrollDevice(hub, label, user, profileId);
}

/** Another device of an existing user. */
export async function enrollDevice(
  hub: TestHub,
  label: string,
  user: UserRecord,
  profileId?: string,
): Promise<Enrolled> {
  const { code } = await issueCode(hub.store, user, hub.now());
  const role = user.role === 'engineer' ? 'admin' : user.role;
  const { publicKey } = await signerFor(label, user.name, role).identity();
  const response = await hub.request('POST', PATHS.enroll, {
    json: { code, publicKey, deviceName: `${label} laptop`, ...(profileId ? { profileId } : {}) },
  });
  if (response.status !== 201) {
    throw new Error(`enrolling ${label}: ${response.status} ${JSON.stringify(response.json)}`);
  }
  const enrolled = response.json as unknown as EnrollResponse;
  return {
    label,
    user,
    token: enrolled.deviceToken,
    deviceId: enrolled.deviceId,
    ...(profileId ? { profileId } : {}),
    actor: { id: user.userId, name: user.name, role: user.role },
  };
}

/** A share request for a run of the fixture definition (core's test new-office 1.2.0). */
export function shareRequest(
  runId: string,
  office: string,
  members: ShareRunRequest['members'] = [],
): ShareRunRequest {
  const run = makeRun({ id: runId });
  return {
    runId,
    name: `Go-live ${runId}`,
    kind: run.kind,
    office,
    definitionId: run.definitionId,
    definitionVersion: run.definitionVersion,
    definitionHash: run.definitionHash,
    parameters: { seats: 120, country: 'DE', hasDaas: false },
    plannedGoLive: run.plannedGoLive,
    createdAt: run.createdAt,
    members,
  };
}

export const eventsPath = (runId: string) => pathOf(PATHS.runEvents, { runId });

/** One person's device on a shared run: its own chain, merging what it pulls. */
export class Device {
  readonly session: Session;
  pushedSeq = 0;
  cursor = 0;

  constructor(
    readonly hub: TestHub,
    readonly person: Enrolled,
    readonly runId: string,
    readonly chain = `chain-${person.label}`,
    /** Who the device records events as (the hub user, unless a test says otherwise). */
    public actor: Actor = person.actor,
  ) {
    this.session = new Session(makeRun({ id: runId }), definition, chain);
  }

  /** Records actions that must succeed, one event each. */
  record(...actions: Action[]): RunEvent[] {
    return actions.map((action) => {
      const result = this.session.apply(action, this.actor);
      if (!result.ok) throw new Error(`${action.type} ${action.itemId}: ${result.error.message}`);
      return result.event;
    });
  }

  note(itemId: string, notes: string): RunEvent {
    return this.record({ type: 'setNotes', itemId, notes })[0] as RunEvent;
  }

  own(): readonly RunEvent[] {
    return this.session.log.eventsOfChain(this.chain);
  }

  /** Posts events as this device (any events: tests forge them). */
  post(events: readonly RunEvent[]): Promise<Response> {
    return this.hub.request('POST', eventsPath(this.runId), {
      token: this.person.token,
      json: { events },
    });
  }

  /** Pushes what the hub has not confirmed; returns the receipt (throws on anything but 2xx). */
  async push(): Promise<PushEventsReceipt> {
    const events = this.own().filter((event) => event.seq > this.pushedSeq);
    const response = await this.post(events);
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(
        `${this.person.label} push: ${response.status} ${JSON.stringify(response.json)}`,
      );
    }
    const receipt = response.json as unknown as PushEventsReceipt;
    this.pushedSeq = receipt.seq;
    return receipt;
  }

  /** Pulls every page after its cursor and merges it; returns how many events came. */
  async pull(limit?: number): Promise<number> {
    let received = 0;
    for (;;) {
      const query = `?after=${this.cursor}${limit === undefined ? '' : `&limit=${limit}`}`;
      const response = await this.hub.request('GET', `${eventsPath(this.runId)}${query}`, {
        token: this.person.token,
      });
      if (response.status !== 200) {
        throw new Error(
          `${this.person.label} pull: ${response.status} ${JSON.stringify(response.json)}`,
        );
      }
      const page = response.json as unknown as PullEventsResponse;
      const result = this.session.log.addAll(page.events);
      if (result.rejected.length > 0 || result.pending > 0) {
        throw new Error(`${this.person.label} could not merge a page: ${JSON.stringify(result)}`);
      }
      received += page.events.length;
      this.cursor = page.cursor;
      if (!page.more) return received;
    }
  }
}
