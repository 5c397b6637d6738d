// Enrolling a device: a hub administrator creates a user (or picks one) and gets a one-time code
// (valid 7 days, stored hashed); the app sends the code with its public signing key (and its local
// profile id) and gets a device token (stored hashed, revocable). The key joins the trust list
// with the user's role and office (engineers never sign, so theirs does not). The CLI issues codes;
// POST /v1/enroll redeems them.
import { KEBAB_ID } from '../core/definitions/schema';
import { base64urlToBytes } from '../core/reports/index';
import type { EnrollRequest, EnrollResponse, HubRole } from '../core/sync/wire-protocol';
import { SHARED_RUN_LIMITS } from '../core/sync/wire-protocol';
import type { HubContext } from './hub-context';
import { nowIso } from './hub-context';
import { badRequest, conflict, HubError, unauthorized } from './hub-error';
import type { HubStore, UserRecord } from './store/hub-store';
import {
  deviceTokenHash,
  enrollmentCodeHash,
  newDeviceToken,
  newEnrollmentCode,
  newId,
} from './tokens';
import { buildTrustList } from './trust';

export const ENROLLMENT_CODE_DAYS = 7;

export interface NewUserInput {
  name: string;
  role: HubRole;
  office?: string;
  supervises?: string[];
  /** Engineers: the template departments they belong to (department ids, e.g. network). */
  departments?: string[];
}

/** Checks a new user's fields; returns the problems in plain words. */
export function userProblems(input: NewUserInput): string[] {
  const problems: string[] = [];
  const name = input.name.trim();
  if (name === '' || name.length > 200) problems.push('--name must be 1 to 200 characters');
  const office = input.office?.trim();
  if (office !== undefined && (office === '' || office.length > 120)) {
    problems.push('--office must be 1 to 120 characters');
  }
  const supervises = input.supervises ?? [];
  if (input.role === 'admin' && office === undefined) {
    problems.push('an admin needs --office (the office whose reports they push)');
  }
  if (input.role === 'coordinator' && office === undefined) {
    problems.push('a coordinator needs --office (the office whose client onboardings they own)');
  }
  const departments = input.departments ?? [];
  if (input.role === 'engineer' && departments.length === 0) {
    problems.push(
      'an engineer needs --departments network,servers (the departments they belong to)',
    );
  }
  if (input.role !== 'engineer' && departments.length > 0) {
    problems.push('only an engineer belongs to departments');
  }
  if (departments.some((d) => d.length > 64 || !KEBAB_ID.test(d))) {
    problems.push('--departments must list department ids like network or web-apps');
  }
  if (departments.length > SHARED_RUN_LIMITS.departmentsPerMember) {
    problems.push(`--departments lists at most ${SHARED_RUN_LIMITS.departmentsPerMember}`);
  }
  if (input.role === 'supervisor' && supervises.length === 0) {
    problems.push('a supervisor needs --supervises office1,office2');
  }
  if (input.role !== 'supervisor' && supervises.length > 0) {
    problems.push('only a supervisor supervises offices');
  }
  if (input.role === 'head' && office !== undefined) {
    problems.push('the head of ICT sees every office: leave out --office');
  }
  if (supervises.some((o) => o.trim() === '' || o.length > 120)) {
    problems.push('--supervises must list office names of 1 to 120 characters');
  }
  return problems;
}

export interface IssuedCode {
  user: UserRecord;
  code: string;
  expiresAt: string;
}

export async function createUser(
  store: HubStore,
  input: NewUserInput,
  now: Date,
): Promise<UserRecord> {
  const problems = userProblems(input);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const user: UserRecord = {
    userId: newId('usr'),
    name: input.name.trim(),
    role: input.role,
    office: input.office?.trim() ?? null,
    supervises: (input.supervises ?? []).map((o) => o.trim()),
    departments: [...new Set(input.departments ?? [])],
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  await store.createUser(user);
  return user;
}

/** A fresh one-time code for an existing user (a new device, or the first one). */
export async function issueCode(store: HubStore, user: UserRecord, now: Date): Promise<IssuedCode> {
  if (user.revokedAt !== null)
    throw new Error(`user ${user.userId} was revoked on ${user.revokedAt}`);
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + ENROLLMENT_CODE_DAYS * 86_400_000).toISOString();
  await store.createEnrollmentCode({
    codeHash: enrollmentCodeHash(code),
    userId: user.userId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { user, code, expiresAt };
}

export async function redeemCode(
  context: HubContext,
  request: EnrollRequest,
): Promise<EnrollResponse> {
  const key = base64urlToBytes(request.publicKey);
  if (!key || key.length !== 32) {
    throw badRequest('publicKey is not a 32-byte base64url Ed25519 public key.');
  }
  const deviceToken = newDeviceToken();
  const result = await context.store.redeemEnrollmentCode({
    codeHash: enrollmentCodeHash(request.code),
    now: nowIso(context),
    device: {
      deviceId: newId('dev'),
      name: request.deviceName,
      tokenHash: deviceTokenHash(deviceToken),
      publicKey: request.publicKey,
      profileId: request.profileId ?? null,
      createdAt: nowIso(context),
    },
  });
  if (!result.ok) {
    switch (result.reason) {
      case 'unknown':
        throw unauthorized(
          'This enrollment code is not known to the hub: check it, or ask for a new one.',
        );
      case 'used':
        throw unauthorized(
          `This enrollment code was already used${result.at ? ` on ${result.at}` : ''}: each code enrolls one device. Ask for a new one.`,
        );
      case 'expired':
        throw unauthorized(
          `This enrollment code expired on ${result.at ?? '?'}: ask for a new one.`,
        );
      case 'user-revoked':
        throw unauthorized('The user this code was made for has been revoked.');
      case 'key-taken':
        throw conflict('This signing key is already enrolled for another user: create a new key.');
      default:
        throw new HubError(400, 'bad-request', 'The enrollment failed.');
    }
  }
  const { user, device } = result;
  return {
    deviceId: device.deviceId,
    deviceToken,
    user: {
      userId: user.userId,
      name: user.name,
      role: user.role,
      ...(user.office === null ? {} : { office: user.office }),
      supervises: user.supervises,
      departments: user.departments,
    },
    trustList: await buildTrustList(context.store),
  };
}
