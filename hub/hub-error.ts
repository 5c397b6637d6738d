// The one error type the hub's routes throw: an HTTP status with a wire-protocol ErrorResponse
// (core/sync/wire-protocol.ts). The error handler (error-handler.ts) sends it as is; anything
// else thrown is mapped there, so a client never sees a stack trace or a 5xx for bad input.
import type { ErrorCode, ErrorResponse } from '../core/sync/wire-protocol';

export class HubError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'HubError';
  }

  toResponse(): ErrorResponse {
    return this.details && this.details.length > 0
      ? { error: this.code, message: this.message, details: this.details }
      : { error: this.code, message: this.message };
  }
}

export const badRequest = (message: string, details?: string[]) =>
  new HubError(400, 'bad-request', message, details);
export const unauthorized = (message: string) => new HubError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HubError(403, 'forbidden', message);
export const notFound = (message: string) => new HubError(404, 'not-found', message);
export const conflict = (message: string, details?: string[]) =>
  new HubError(409, 'conflict', message, details);
export const invalidReport = (message: string, details: string[]) =>
  new HubError(422, 'invalid-report', message, details);
