// What each route accepts as a body, enforced in a preParsing hook: after the caller is known
// (auth.ts, and the rate limiters) and before a byte of the body is read. A route that takes a
// body declares who may send one (by role, or anonymous on a public route) and how large, and in
// which content types; every other route takes none. In this order:
//   unknown route with a body -> 404; a caller whose role may not send it -> 403 (with or without
//   a body); a body on a route that takes none -> 413; a content type not accepted -> 415; a
//   declared Content-Length over the caller's limit -> 413.
// A body streamed without a length (chunked) is cut off with 413 at the caller's limit while it
// streams. The rest of a refused upload is never parsed or kept: linger.ts answers with
// `Connection: close` and throws away what still arrives, within bounds, so the client reads the
// answer before the connection closes. A refusal costs milliseconds and no memory, whatever was
// declared.
import { Transform } from 'node:stream';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import type { HubRole } from '../core/sync/wire-protocol';
import { badRequest, forbidden, HubError, notFound } from './hub-error';

export type Caller = HubRole | 'anonymous';

export interface BodyPolicy {
  /** What the body does, completing "Only … may …": "push reports". */
  purpose: string;
  /** Media types accepted (compared without parameters such as charset). */
  contentTypes: readonly string[];
  /** The largest body per caller; a caller not listed may not call this route (403). */
  limits: Partial<Record<Caller, number>>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body this route takes; unset: none. */
    body?: BodyPolicy;
  }
}

const ROLE_WORDS: Record<Caller, string> = {
  admin: 'administrators',
  supervisor: 'supervisors',
  head: 'the head of ICT',
  engineer: 'engineers',
  coordinator: 'coordinators',
  anonymous: 'devices not enrolled yet',
};

const roleWords = (caller: Caller): string => ROLE_WORDS[caller];

/** Fastify's own limit for the route: the largest any caller may send. */
export function bodyLimitOf(policy: BodyPolicy): number {
  return Math.max(0, ...Object.values(policy.limits));
}

/** Route options of a route that takes a body: its policy, and Fastify's limit at the largest. */
export function acceptsBody(
  policy: BodyPolicy,
  config: Omit<FastifyContextConfig, 'body'> = {},
): { bodyLimit: number; config: FastifyContextConfig } {
  return { bodyLimit: bodyLimitOf(policy), config: { ...config, body: policy } };
}

export const tooLarge = (message: string) => new HubError(413, 'payload-too-large', message);

/** True when the request carries a body (declared or chunked), read or not. */
export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function callerOf(request: FastifyRequest): Caller {
  return request.principal?.user.role ?? 'anonymous';
}

function refuseCaller(request: FastifyRequest, policy: BodyPolicy): HubError {
  const allowed = Object.keys(policy.limits) as Caller[];
  const who = allowed.map(roleWords).join(' or ');
  const user = request.principal?.user;
  const them = user ? `${user.name} is ${user.role}` : 'this device is not enrolled';
  return forbidden(`Only ${who} may ${policy.purpose}; ${them}.`);
}

/** Counts the bytes of a body streamed without a length and stops at the limit. */
function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        done(tooLarge(`The request body is over this endpoint's limit of ${limit} bytes.`));
        return;
      }
      done(null, chunk);
    },
  });
}

export function registerBodyPolicy(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.method === 'OPTIONS') return payload;
    const routeUrl = request.routeOptions.url;
    const policy = request.routeOptions.config.body;
    if (routeUrl === undefined) {
      if (!hasBody(request)) return payload;
      throw notFound(
        `There is no ${request.method} ${request.url.split('?')[0] ?? ''} on this hub.`,
      );
    }
    if (policy === undefined) {
      if (!hasBody(request)) return payload;
      throw tooLarge(`${request.method} ${routeUrl} takes no request body.`);
    }
    const caller = callerOf(request);
    const limit = policy.limits[caller];
    if (limit === undefined) throw refuseCaller(request, policy);
    if (!hasBody(request)) return payload;
    const type = mediaType(request);
    if (!policy.contentTypes.includes(type)) {
      throw new HubError(
        415,
        'bad-request',
        `This endpoint takes ${policy.contentTypes.join(' or ')}, not ${type === '' ? 'a body without a Content-Type' : type}.`,
      );
    }
    const declared = request.headers['content-length'];
    if (declared !== undefined) {
      const length = Number(declared);
      if (!Number.isSafeInteger(length) || length < 0) {
        throw badRequest('The Content-Length header is not a number of bytes.');
      }
      if (length > limit) {
        throw tooLarge(
          `The request body is ${length} bytes; this endpoint takes at most ${limit} from ${roleWords(caller)}.`,
        );
      }
      return payload;
    }
    // Chunked: Fastify stops at the route's limit; a caller with a lower one is stopped sooner.
    return limit < bodyLimitOf(policy) ? payload.pipe(capped(limit)) : payload;
  });
}
