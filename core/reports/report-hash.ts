// The bytes that are hashed, signed and stored: RFC 8785 canonical JSON, UTF-8 encoded.
// reportHash(body) is what every signature's statement names; the statement's own canonical bytes
// are what the Ed25519 signature covers. Report files (report.json in a bundle, the PDF attachment)
// hold canonical JSON exactly, so a re-formatted or hand-edited file is noticed even when its data
// did not change, and duplicate keys (which parsers resolve differently) cannot hide a second value.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, sha256Hex } from '../runs/event-chain';
import type { ReportBody, Signature, SignedReport, SignedStatement } from './report-format';

/** Largest report JSON any reader accepts (the text, before parsing). */
export const MAX_REPORT_JSON_BYTES = 64 * 1024 * 1024;

/** SHA-256 hex of the canonical JSON of the body. */
export function reportHash(body: ReportBody): string {
  return sha256Hex(canonicalJson(body));
}

/** What a signature's statement.previousSignatures must be, for the signatures before it. */
export function previousSignaturesHash(previous: readonly Signature[]): string | undefined {
  return previous.length === 0 ? undefined : sha256Hex(canonicalJson(previous));
}

/** The exact bytes an Ed25519 signature covers. */
export function statementBytes(statement: SignedStatement): Uint8Array {
  return utf8ToBytes(canonicalJson(statement));
}

/** The canonical JSON text of a signed report (what report.json and the PDF attachment hold). */
export function canonicalReportJson(signed: SignedReport): string {
  return canonicalJson(signed);
}

export function canonicalReportBytes(signed: SignedReport): Uint8Array {
  return utf8ToBytes(canonicalReportJson(signed));
}

export type ParsedReportJson =
  | { ok: true; value: unknown }
  | { ok: false; code: 'invalid-json' | 'too-large'; message: string }
  /** Readable, but not as the app wrote it: `value` is there to show, never to accept. */
  | { ok: false; code: 'not-canonical'; message: string; value: unknown };

/**
 * Parses report JSON text and checks it is in canonical form. `what` names the file in messages,
 * e.g. 'report.json in the bundle'.
 */
export function parseReportJson(text: string, what: string): ParsedReportJson {
  if (text.length > MAX_REPORT_JSON_BYTES) {
    return {
      ok: false,
      code: 'too-large',
      message: `${what} is larger than ${MAX_REPORT_JSON_BYTES / 1024 / 1024} MB: not a report this app wrote.`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    return { ok: false, code: 'invalid-json', message: `${what} is not valid JSON${detail}.` };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch {
    return { ok: false, code: 'invalid-json', message: `${what} cannot be read as report data.` };
  }
  if (canonical !== text) {
    return {
      ok: false,
      code: 'not-canonical',
      message: `${what} is not in the canonical form the app writes (RFC 8785): it was re-formatted or edited by hand, or it has a key twice.`,
      value,
    };
  }
  return { ok: true, value };
}
