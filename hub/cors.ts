// Cross-origin access for the app: the renderer runs at app://bundle (desktop) or on a local web
// server (web mode), so every call to the hub is cross-origin. Device tokens travel in the
// Authorization header, never in cookies, so reflecting the caller's origin grants nothing ambient.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import {
  DEFINITION_HASH_HEADER,
  PROTOCOL_HEADER,
  REPORT_HASH_HEADER,
} from '../core/sync/wire-protocol';

export function registerCors(app: FastifyInstance): void {
  void app.register(cors, {
    origin: true,
    credentials: false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', PROTOCOL_HEADER, REPORT_HASH_HEADER],
    exposedHeaders: ['retry-after', PROTOCOL_HEADER, REPORT_HASH_HEADER, DEFINITION_HASH_HEADER],
    maxAge: 600,
  });
}
