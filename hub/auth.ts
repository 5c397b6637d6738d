// Who is calling: every route except the public ones (health, enroll, openapi.json) needs
// `Authorization: Bearer <device token>` of a device that is not revoked, whose user is not revoked.
// Runs as the first onRequest hooks (protocol check, then this), before the rate limiter and
// before any body is read, so unauthenticated uploads cost nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeviceRecord, UserRecord } from './store/hub-store';
import type { HubContext } from './hub-context';
import { unauthorized } from './hub-error';
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

export function registerAuth(app: FastifyInstance, context: HubContext): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    // CORS preflights carry no credentials by design; hub/cors.ts answers them.
    if (request.method === 'OPTIONS') return;
    if (request.routeOptions.config.isPublic === true) return;
    // Unknown routes fall through to the not-found handler without asking for a token.
    if (request.routeOptions.url === undefined) return;
    const header = request.headers.authorization;
    if (header === undefined) {
      throw unauthorized(
        'This needs an enrolled device: send Authorization: Bearer <device token>.',
      );
    }
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('The Authorization header is not Bearer <device token>.');
    const tokenHash = deviceTokenHash(match[1] as string);
    const found = await context.store.findDeviceByTokenHash(tokenHash);
    if (!found) throw unauthorized('This device token is not known to the hub: enroll again.');
    if (found.device.revokedAt !== null) {
      throw unauthorized(`This device was revoked on ${found.device.revokedAt}: enroll again.`);
    }
    if (found.user.revokedAt !== null) {
      throw unauthorized(`This user was revoked on ${found.user.revokedAt}.`);
    }
    request.principal = { ...found, tokenHash };
  });
}

/** The caller of a route that is not public (the hook above guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('This needs an enrolled device.');
  return request.principal;
}
