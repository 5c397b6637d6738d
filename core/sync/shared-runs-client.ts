// The online side of shared runs, asked for by a person in the app rather than by a sync cycle:
// who can be invited, share a run, add or remove members, set the plan. Each needs the hub now;
// every outcome comes back as a value the app can show (offline, refused with the hub's words,
// or done with the hub's view of the run).
import { hubMessage, jsonBody, readJson, TransportError, type Transport } from './transport';
import type {
  PeopleQuery,
  Person,
  RunPlanRequest,
  ShareRunRequest,
  SharedRun,
  UpdateMembersRequest,
} from './wire-protocol';
import { PATHS, pathOf, personSchema, sharedRunSchema } from './wire-protocol';

export type TeamOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'offline' | 'refused' | 'not-a-hub'; message: string };

const TIMEOUT_MS = 15_000;

async function ask(
  transport: Transport,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<TeamOutcome<unknown>> {
  try {
    const response = await transport({
      method,
      path,
      timeoutMs: TIMEOUT_MS,
      ...(body === undefined ? {} : { body: jsonBody(body), contentType: 'application/json' }),
    });
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, value: readJson(response) };
    }
    const message = hubMessage(response);
    return message === undefined
      ? { ok: false, reason: 'not-a-hub', message: `[http ${response.status}]` }
      : { ok: false, reason: 'refused', message };
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    return { ok: false, reason: 'offline', message: `[${error.kind}]` };
  }
}

function sharedRunOf(outcome: TeamOutcome<unknown>): TeamOutcome<SharedRun> {
  if (!outcome.ok) return outcome;
  const parsed = sharedRunSchema.safeParse(outcome.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: 'not-a-hub', message: 'The answer is not a shared run.' };
}

/** The people the hub knows, to invite (narrowed to an office or a department). */
export async function listPeople(
  transport: Transport,
  query: PeopleQuery = {},
): Promise<TeamOutcome<Person[]>> {
  const outcome = await ask(transport, 'GET', `${PATHS.people}${queryString(query)}`);
  if (!outcome.ok) return outcome;
  const list = (outcome.value as { people?: unknown } | undefined)?.people;
  if (!Array.isArray(list)) {
    return { ok: false, reason: 'not-a-hub', message: 'The answer is not a list of people.' };
  }
  const people = list.flatMap((entry) => {
    const parsed = personSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  return { ok: true, value: people };
}

export async function shareRun(
  transport: Transport,
  request: ShareRunRequest,
): Promise<TeamOutcome<SharedRun>> {
  return sharedRunOf(await ask(transport, 'POST', PATHS.runs, request));
}

export async function updateMembers(
  transport: Transport,
  runId: string,
  request: UpdateMembersRequest,
): Promise<TeamOutcome<SharedRun>> {
  return sharedRunOf(await ask(transport, 'POST', pathOf(PATHS.runMembers, { runId }), request));
}

export async function setRunPlan(
  transport: Transport,
  runId: string,
  request: RunPlanRequest,
): Promise<TeamOutcome<SharedRun>> {
  return sharedRunOf(await ask(transport, 'POST', pathOf(PATHS.runPlan, { runId }), request));
}

/** "?office=Berlin&department=network" for the given entries, "" for none. */
function queryString(entries: Record<string, string | undefined>): string {
  const pairs = Object.entries(entries)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}
