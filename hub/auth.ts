// Who is calling: every route except the public ones (health, enroll, openapi.json) needs
// `Authorization: Bearer <device token>` of a device that is not revoked, whose user is not revoked.
// Runs as the first onRequest hooks (protocol check, then this), before the rate limiter and
// before any body is read, so unauthenticated uploads cost nothing.
//
// Failed authentication is limited per client address (failure-budget.ts): once an address has
// failed authLimits.max times in a window, its requests answer 429 without a token lookup until
// the window ends. Tokens that authenticated recently are let through even then, so a colleague
// behind the same address (an office's NAT) keeps working while a guesser is locked out; a token
// of 256 random bits is not guessed by letting known ones through.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeviceRecord, UserRecord } from './store/hub-store';
import type { HubContext } from './hub-context';
import { FailureBudget, retryAfterSeconds } from './failure-budget';
import { HubError, unauthorized } from './hub-error';
import { deviceTokenHash } from './tokens';

export interface Principal {
  device: DeviceRecord;
  user: UserRecord;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** No device token needed (health, enroll, openapi.json). */
    isPublic?: boolean;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

/** How many recently authenticated token hashes are remembered (the oldest forgotten first). */
const KNOWN_GOOD_TOKENS = 10_000;

class KnownGoodTokens {
  private readonly hashes = new Set<string>();

  has(tokenHash: string): boolean {
    return this.hashes.has(tokenHash);
  }

  forget(tokenHash: string): void {
    this.hashes.delete(tokenHash);
  }

  add(tokenHash: string): void {
    this.hashes.delete(tokenHash);
    this.hashes.add(tokenHash);
    if (this.hashes.size > KNOWN_GOOD_TOKENS) {
      const oldest = this.hashes.values().next().value;
      if (oldest !== undefined) this.hashes.delete(oldest);
    }
  }
}

export function registerAuth(app: FastifyInstance, context: HubContext): void {
  const failures = new FailureBudget({
    max: context.limits.authFailureMax,
    windowMs: context.limits.authFailureWindowMs,
    now: () => context.clock().getTime(),
  });
  const knownGood = new KnownGoodTokens();

  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    // CORS preflights carry no credentials by design; hub/cors.ts answers them.
    if (request.method === 'OPTIONS') return;
    if (request.routeOptions.config.isPublic === true) return;
    // Unknown routes fall through to the not-found handler without asking for a token.
    if (request.routeOptions.url === undefined) return;
    const match = BEARER.exec(request.headers.authorization ?? '');
    const tokenHash = match ? deviceTokenHash(match[1] as string) : undefined;
    const lockedMs = failures.retryAfterMs(request.ip);
    if (lockedMs > 0 && (tokenHash === undefined || !knownGood.has(tokenHash))) {
      const seconds = retryAfterSeconds(lockedMs);
      reply.header('retry-after', String(seconds));
      throw new HubError(
        429,
        'rate-limited',
        `Too many failed authentications from this address: at most ${context.limits.authFailureMax} per ${Math.round(context.limits.authFailureWindowMs / 1000)} s. Try again in ${seconds} s.`,
      );
    }
    try {
      request.principal = await authenticate(context, request, tokenHash);
      knownGood.add(request.principal.tokenHash);
    } catch (error) {
      if (error instanceof HubError && error.statusCode === 401) {
        failures.fail(request.ip);
        // A token revoked since it last worked is no longer let through a lockout.
        if (tokenHash !== undefined) knownGood.forget(tokenHash);
      }
      throw error;
    }
  });
}

async function authenticate(
  context: HubContext,
  request: FastifyRequest,
  tokenHash: string | undefined,
): Promise<Principal> {
  if (request.headers.authorization === undefined) {
    throw unauthorized('This needs an enrolled device: send Authorization: Bearer <device token>.');
  }
  if (tokenHash === undefined) {
    throw unauthorized('The Authorization header is not Bearer <device token>.');
  }
  const found = await context.store.findDeviceByTokenHash(tokenHash);
  if (!found) throw unauthorized('This device token is not known to the hub: enroll again.');
  if (found.device.revokedAt !== null) {
    throw unauthorized(`This device was revoked on ${found.device.revokedAt}: enroll again.`);
  }
  if (found.user.revokedAt !== null) {
    throw unauthorized(`This user was revoked on ${found.user.revokedAt}.`);
  }
  return { ...found, tokenHash };
}

/** The caller of a route that is not public (the hook above guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('This needs an enrolled device.');
  return request.principal;
}
