// Who may read GET /metrics: a scraper on the hub's own machine (a loopback address, reached
// directly: no forwarding header, so a reverse proxy on the same machine does not make the world
// local), or anyone with `Authorization: Bearer <HUB_METRICS_TOKEN>` when that variable is set.
// The metrics name routes, volumes and the outbox's size: not secrets, but not for the internet.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import ipaddr from 'ipaddr.js';
import { forbidden, unauthorized } from '../hub-error';

/** Headers a reverse proxy adds: their presence means the loopback peer is not the client. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

export function isLoopback(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'loopback';
  } catch {
    return false;
  }
}

function isDirectLocal(request: FastifyRequest): boolean {
  if (FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return isLoopback(request.ip);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  // Compared as digests: equal lengths, and the time taken says nothing about the token.
  return match !== null && timingSafeEqual(digest(match[1] as string), digest(token));
}

/** Throws 401/403 unless the caller may read the metrics. */
export function assertMetricsAccess(request: FastifyRequest, token: string | undefined): void {
  if (isDirectLocal(request)) return;
  if (token === undefined) {
    throw forbidden(
      'The metrics are served to this machine only (a loopback address, not through a proxy). Set HUB_METRICS_TOKEN to let a scraper elsewhere read them with Authorization: Bearer <token>.',
    );
  }
  if (!bearerMatches(request, token)) {
    throw unauthorized(
      'Reading the metrics from elsewhere needs Authorization: Bearer <HUB_METRICS_TOKEN>.',
    );
  }
}
