// Enrolling this device with a hub: a one-time code (from the hub's administrator) and the user's
// public signing key for a device token, the user's hub identity and the trust list. The answer is
// checked before anything is kept: a token without a valid trust list is no enrollment.
import { validateTrustList } from '../reports/index';
import type { Transport } from './transport';
import { hubMessage, jsonBody, readJson, TransportError } from './transport';
import type { EnrolledUser, EnrollRequest, EnrollResponse, HubRole } from './wire-protocol';
import { enrollRequestSchema, HUB_ROLES, PATHS } from './wire-protocol';

export type EnrollOutcome =
  | { ok: true; enrolled: EnrollResponse }
  | { ok: false; reason: 'invalid' | 'unreachable' | 'refused' | 'not-a-hub'; message: string };

function readUser(value: unknown): EnrolledUser | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { userId, name, role, office, supervises, departments } = value as Record<string, unknown>;
  if (typeof userId !== 'string' || typeof name !== 'string') return undefined;
  if (!(HUB_ROLES as readonly unknown[]).includes(role)) return undefined;
  if (office !== undefined && typeof office !== 'string') return undefined;
  const isTextList = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((entry) => typeof entry === 'string');
  if (!isTextList(supervises)) return undefined;
  // Hubs before shared runs send no departments.
  if (departments !== undefined && !isTextList(departments)) return undefined;
  return {
    userId,
    name,
    role: role as HubRole,
    ...(office === undefined ? {} : { office }),
    supervises,
    departments: departments ?? [],
  };
}

export async function enrollDevice(
  transport: Transport,
  request: EnrollRequest,
  timeoutMs = 15_000,
): Promise<EnrollOutcome> {
  const checked = enrollRequestSchema.safeParse({ ...request, code: request.code.trim() });
  if (!checked.success) {
    return {
      ok: false,
      reason: 'invalid',
      message: checked.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; '),
    };
  }
  let response;
  try {
    response = await transport({
      method: 'POST',
      path: PATHS.enroll,
      body: jsonBody(checked.data),
      contentType: 'application/json',
      timeoutMs,
    });
  } catch (error) {
    const kind = error instanceof TransportError ? error.kind : 'network';
    return {
      ok: false,
      reason: 'unreachable',
      message: kind === 'timeout' ? '[timeout]' : '[network]',
    };
  }
  if (response.status !== 201) {
    const message = hubMessage(response);
    return message === undefined
      ? { ok: false, reason: 'not-a-hub', message: `[http ${response.status}]` }
      : { ok: false, reason: 'refused', message };
  }
  const value = readJson(response) as Record<string, unknown> | undefined;
  const user = readUser(value?.user);
  const trust = validateTrustList(value?.trustList);
  if (
    typeof value?.deviceId !== 'string' ||
    typeof value.deviceToken !== 'string' ||
    !user ||
    !trust.ok
  ) {
    return {
      ok: false,
      reason: 'not-a-hub',
      message: 'The enrollment answer is not a hub enrollment.',
    };
  }
  return {
    ok: true,
    enrolled: {
      deviceId: value.deviceId,
      deviceToken: value.deviceToken,
      user,
      trustList: trust.trust,
    },
  };
}
