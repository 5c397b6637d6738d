// Refuses clients of another wire-protocol major version with 426 before anything else runs. The
// header (PROTOCOL_HEADER) is "1" or "1.x"; a request without it is served as the current version
// (curl, a browser on /openapi.json), the app always sends it.
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_HEADER, WIRE_PROTOCOL_VERSION } from '../core/sync/wire-protocol';
import { badRequest, HubError } from './hub-error';

const VERSION = /^(\d{1,6})(?:\.\d{1,6}){0,2}$/;

export function registerProtocolCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers[PROTOCOL_HEADER];
    reply.header(PROTOCOL_HEADER, String(WIRE_PROTOCOL_VERSION));
    if (header === undefined) return;
    const match = typeof header === 'string' ? VERSION.exec(header.trim()) : null;
    if (!match) {
      throw badRequest(`${PROTOCOL_HEADER} must be a version like ${WIRE_PROTOCOL_VERSION}.`);
    }
    if (Number(match[1]) !== WIRE_PROTOCOL_VERSION) {
      throw new HubError(
        426,
        'protocol-version',
        `This hub speaks protocol version ${WIRE_PROTOCOL_VERSION}; the app speaks ${match[1]}. Update the ${Number(match[1]) < WIRE_PROTOCOL_VERSION ? 'app' : 'hub'}.`,
      );
    }
  });
}
