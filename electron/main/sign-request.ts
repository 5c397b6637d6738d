// Report statements for signWithDeviceKey: the request is checked as a canonical sign-off,
// countersign or send-back statement about the report body sent beside it
// (core/reports/statement-to-sign.ts), and main's confirmation names the run, the office, the
// decision and the report fingerprint (signing-confirmation.ts). The checks, the confirmation and
// the signature are confirmed-signing.ts's, shared with waiver decisions. The web-mode twin is
// renderer/bridge/web-signing-key.ts.
import { checkStatementToSign } from '../../core/reports/statement-to-sign';
import { MAX_REPORT_JSON_BYTES } from '../../core/reports/report-hash';
import type { SignWithDeviceKeyRequest } from '../common/ipc-contract';
import {
  createConfirmedSigningHandler,
  type ConfirmedSigningDependencies,
  type ConfirmedSigningHandler,
} from './confirmed-signing';
import { SIGN_BUTTON, signingConfirmationOptions } from './signing-confirmation';

export function createSignRequestHandler(
  deps: ConfirmedSigningDependencies,
): ConfirmedSigningHandler {
  return createConfirmedSigningHandler(deps, {
    method: 'signWithDeviceKey',
    shapeHint:
      'signWithDeviceKey needs { message: Uint8Array, reportBody: string } with at least one byte.',
    extraShapeProblem: (candidate) =>
      typeof candidate.reportBody !== 'string' ||
      candidate.reportBody.length > MAX_REPORT_JSON_BYTES
        ? 'signWithDeviceKey needs the report body the statement is about (reportBody, canonical JSON).'
        : null,
    check: (request: SignWithDeviceKeyRequest, message, publicKey) =>
      checkStatementToSign({ message, reportBody: request.reportBody, publicKey }),
    confirmation: signingConfirmationOptions,
    signButton: SIGN_BUTTON,
    describe: ({ statement, body }) =>
      `${statement.purpose} of report ${JSON.stringify(body.reportId)} revision ${body.revision}`,
    logDetail: (checked) => checked.reportHash.slice(0, 16),
  });
}
