// The bytes that are hashed, signed and stored: RFC 8785 canonical JSON, UTF-8 encoded.
// reportHash(body) is what every signature's statement names; the statement's own canonical bytes
// are what the Ed25519 signature covers. Report files (report.json in a bundle, the PDF attachment)
// hold canonical JSON exactly, so a re-formatted or hand-edited file is noticed even when its data
// did not change, and duplicate keys (which parsers resolve differently) cannot hide a second value.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, pureJsSha256, type Sha256 } from '../runs/canonical';
import type { ReportBody, Signature, SignedReport, SignedStatement } from './report-format';

/** Largest report JSON any reader accepts (the text, before parsing). */
export const MAX_REPORT_JSON_BYTES = 64 * 1024 * 1024;

/** SHA-256 hex of the canonical JSON of the body. */
export function reportHash(body: ReportBody, sha256: Sha256 = pureJsSha256): string {
  return sha256.hex(canonicalJson(body));
}

/** What a signature's statement.previousSignatures must be, for the signatures before it. */
export function previousSignaturesHash(
  previous: readonly Signature[],
  sha256: Sha256 = pureJsSha256,
): string | undefined {
  return previous.length === 0 ? undefined : sha256.hex(canonicalJson(previous));
}

/** A signed report's canonical text, with the part of it that is the body's canonical text. */
export interface CanonicalReportParts {
  text: string;
  /** canonicalJson(value.body): what reportHash hashes. */
  body: string;
}

/**
 * canonicalJson(value) for a signed report, with the body's canonical text on the way, so a report
 * is canonicalised once, not once whole and again for its hash. RFC 8785 orders the two keys as
 * "body" < "signatures", so the text is exactly {"body":B,"signatures":S}. Undefined when `value`
 * is not a plain object of exactly those two keys (then canonicalJson(value) is the way); throws
 * as canonicalJson does.
 */
export function canonicalReportParts(value: unknown): CanonicalReportParts | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  // canonicalize serialises toJSON()'s result instead of the object: not a plain report then.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  const keys = Object.keys(value);
  const { body, signatures } = value as Record<string, unknown>;
  if (keys.length !== 2 || !keys.includes('body') || !keys.includes('signatures')) return undefined;
  if (!isSerialised(body) || !isSerialised(signatures)) return undefined;
  const bodyText = canonicalJson(body);
  const signaturesText = canonicalJson(signatures);
  return { text: `{"body":${bodyText},"signatures":${signaturesText}}`, body: bodyText };
}

/** Whether canonicalize writes this property (it leaves out undefined and symbols). */
function isSerialised(value: unknown): boolean {
  return value !== undefined && typeof value !== 'symbol';
}

/**
 * The canonical text of a parsed report: through canonicalReportParts when it has a report's two
 * keys (the body's text comes along), else whole.
 */
function canonicalOfParsed(value: unknown): { text: string; body?: string } {
  return canonicalReportParts(value) ?? { text: canonicalJson(value) };
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
  /** `bodyJson`: the canonical text of value.body, when value has a report's two keys. */
  | { ok: true; value: unknown; bodyJson?: string }
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
  // One pass: parsed from canonical text, the value's keys are in canonical order already, so
  // canonicalJson takes its native way (core/runs/canonical.ts).
  let canonical: { text: string; body?: string };
  try {
    canonical = canonicalOfParsed(value);
  } catch {
    return { ok: false, code: 'invalid-json', message: `${what} cannot be read as report data.` };
  }
  if (canonical.text !== text) {
    return {
      ok: false,
      code: 'not-canonical',
      message: `${what} is not in the canonical form the app writes (RFC 8785): it was re-formatted or edited by hand, or it has a key twice.`,
      value,
    };
  }
  return canonical.body === undefined
    ? { ok: true, value }
    : { ok: true, value, bodyJson: canonical.body };
}
