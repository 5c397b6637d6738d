// Turns every failure into a wire-protocol ErrorResponse with the right 4xx: the hub's own
// HubErrors as they are, fastify's parse and size errors (bad JSON, unknown content type, a body
// over the route's limit, a poisoned __proto__ key) by their status. Only a fault in the hub itself
// is a 500, logged with its stack and answered without one. A request refused before its body was
// read (or half way) is answered with `Connection: close` and closed in stages (linger.ts), so the
// client reads the answer instead of a broken connection.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode, ErrorResponse } from '../core/sync/wire-protocol';
import { HubError } from './hub-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  426: 'protocol-version',
  429: 'rate-limited',
};

function messageFor(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this endpoint accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'This endpoint does not accept that Content-Type (reports: application/zip; everything else: application/json).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; this endpoint needs JSON.';
    default:
      if (status === 400 && error instanceof SyntaxError)
        return 'The request body is not valid JSON.';
      return status === 413 ? 'The request body is too large.' : `Bad request: ${error.message}`;
  }
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HubError, request, reply) => {
    if (error instanceof HubError) {
      return reply.status(error.statusCode).send(error.toResponse());
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const body: ErrorResponse = {
        error: CODE_BY_STATUS[status] ?? 'bad-request',
        message: messageFor(error, status),
      };
      return reply.status(status).send(body);
    }
    request.log.error({ err: error }, 'hub: unexpected error');
    const body: ErrorResponse = {
      error: 'internal-error',
      message: 'The hub failed to handle this request; it was logged. Try again later.',
    };
    return reply.status(500).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorResponse = {
      error: 'not-found',
      message: `There is no ${request.method} ${request.url.split('?')[0] ?? ''} on this hub.`,
    };
    return reply.status(404).send(body);
  });
}
