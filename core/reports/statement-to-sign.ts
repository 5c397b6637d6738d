// What a device key may sign: one canonical SignedStatement (a sign-off, countersign or send-back)
// about the report body handed over beside it, by the device's own key. Electron's main process
// (electron/main/sign-request.ts) and web mode's key store (renderer/bridge/web-signing-key.ts)
// both check this before the key is used, so a script in the page cannot make the key sign
// anything else (arbitrary bytes, a challenge, a statement about a body nobody was shown), and the
// confirmation main shows names the very body the statement's reportHash binds.
// When a statement field is added (report-format.ts), the schema check below takes it as it is;
// when a rule of sign.ts's signOff, countersign or sendBack changes, change it here too.
import { canSignOff } from './build-report';
import type { ReportBody, SignedStatement } from './report-format';
import { MAX_REPORT_JSON_BYTES, parseReportJson, reportHash } from './report-hash';
import {
  REPORT_SCHEMA_LIMITS,
  ROLES_FOR_PURPOSE,
  maySignFor,
  reportBodySchema,
  signedStatementSchema,
} from './report-schema';
import { decodeUtf8Strict } from './utf8';
import { SUPPORTED_FORMAT_VERSIONS } from './verify';
import { canonicalJson } from '../runs/event-chain';

/** The largest statement a device key signs (a statement with the longest comment fits). */
export const MAX_STATEMENT_BYTES = 4 * REPORT_SCHEMA_LIMITS.longText + 4 * 1024;

export type StatementRefusalCode =
  | 'too-large'
  | 'not-utf8'
  | 'not-json'
  | 'not-canonical'
  | 'not-a-statement'
  | 'unsupported-format-version'
  | 'wrong-key'
  | 'wrong-role'
  | 'invalid-body'
  | 'body-mismatch'
  | 'signed-at-mismatch'
  | 'no-go'
  | 'comment-required';

export interface StatementToSign {
  statement: SignedStatement;
  /** The body the statement's reportHash names, parsed and checked. */
  body: ReportBody;
  reportHash: string;
}

export type StatementToSignCheck =
  { ok: true; value: StatementToSign } | { ok: false; code: StatementRefusalCode; message: string };

export interface StatementToSignInput {
  /** The bytes to sign: must be the UTF-8 of canonicalJson(statement). */
  message: Uint8Array;
  /** canonicalJson of the ReportBody the statement names by its reportHash. */
  reportBody: string;
  /** The device key's public key (base64url): the statement must name it as its signer. */
  publicKey: string;
}

function refuse(code: StatementRefusalCode, message: string): StatementToSignCheck {
  return { ok: false, code, message: `Refused to sign: ${message}` };
}

/** Exactly the text JSON.parse read, or undefined when the parser dropped or changed something. */
function sameCanonical(value: unknown, text: string): boolean {
  try {
    return canonicalJson(value) === text;
  } catch {
    return false;
  }
}

function parseStatement(message: Uint8Array): SignedStatement | StatementToSignCheck {
  if (message.byteLength > MAX_STATEMENT_BYTES) {
    return refuse('too-large', `the message is ${message.byteLength} bytes, not a statement.`);
  }
  const text = decodeUtf8Strict(message);
  if (text === undefined) return refuse('not-utf8', 'the message is not UTF-8 text.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('not-json', 'the message is not JSON, so it is not a signed statement.');
  }
  const parsed = signedStatementSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    return refuse(
      'not-a-statement',
      `the message is not a sign-off, countersign or send-back statement${where === '' ? '' : ` (at ${where})`}.`,
    );
  }
  if (!sameCanonical(parsed.data, text)) {
    return refuse(
      'not-canonical',
      'the statement is not in canonical form (RFC 8785), so other bytes than the statement would be signed.',
    );
  }
  return parsed.data;
}

function parseBody(reportBody: string): ReportBody | StatementToSignCheck {
  if (typeof reportBody !== 'string' || reportBody.length > MAX_REPORT_JSON_BYTES) {
    return refuse('invalid-body', 'the report the statement is about is missing or too large.');
  }
  const json = parseReportJson(reportBody, 'the report body');
  if (!json.ok) return refuse('invalid-body', json.message);
  const parsed = reportBodySchema.safeParse(json.value);
  if (!parsed.success || !sameCanonical(parsed.data, reportBody)) {
    const where = parsed.success ? '' : (parsed.error.issues[0]?.path.join('.') ?? '');
    return refuse(
      'invalid-body',
      `the report the statement is about is not a report body${where === '' ? '' : ` (at ${where})`}.`,
    );
  }
  return parsed.data;
}

/**
 * Whether `message` may be signed with the device key `publicKey`: a canonical SignedStatement of a
 * supported format version, naming this key with the role its purpose needs, about `reportBody`
 * (its reportHash matches), under the rules signOff, countersign and sendBack apply.
 */
export function checkStatementToSign(input: StatementToSignInput): StatementToSignCheck {
  const statement = parseStatement(input.message);
  if ('ok' in statement) return statement;
  if (!SUPPORTED_FORMAT_VERSIONS.includes(statement.formatVersion)) {
    return refuse(
      'unsupported-format-version',
      `the statement is in format version ${statement.formatVersion}; this app signs version ${SUPPORTED_FORMAT_VERSIONS.join(', ')}.`,
    );
  }
  if (statement.signer.publicKey !== input.publicKey) {
    return refuse('wrong-key', "the statement names another signer's key than this device's.");
  }
  if (!maySignFor(statement.signer.role, statement.purpose)) {
    return refuse(
      'wrong-role',
      `a ${statement.purpose} is signed as ${ROLES_FOR_PURPOSE[statement.purpose].join(' or ')}, but the statement says ${statement.signer.role}.`,
    );
  }
  const body = parseBody(input.reportBody);
  if ('ok' in body) return body;
  const hash = reportHash(body);
  if (hash !== statement.reportHash) {
    return refuse(
      'body-mismatch',
      'the statement names another report than the one shown for confirmation.',
    );
  }
  if (body.formatVersion !== statement.formatVersion) {
    return refuse(
      'unsupported-format-version',
      `the statement is in format version ${statement.formatVersion}, the report in ${body.formatVersion}.`,
    );
  }
  if (statement.purpose === 'sign-off') {
    if (!canSignOff(body.gate)) {
      return refuse('no-go', 'the gate says no-go: this report cannot be signed off.');
    }
    if (statement.signedAt !== body.signedAt) {
      return refuse('signed-at-mismatch', 'the sign-off time differs from the report’s.');
    }
  }
  if (statement.purpose === 'send-back' && (statement.comment ?? '').trim() === '') {
    return refuse('comment-required', 'a send-back must say why, in its comment.');
  }
  return { ok: true, value: { statement, body, reportHash: hash } };
}
