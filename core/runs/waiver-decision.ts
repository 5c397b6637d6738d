// Four eyes on a waiver (seed 002: one person must never reach GO alone). Waiving a blocking item
// only requests the waiver; a supervisor of the office approves or refuses it with their own key,
// as an event in the run's history (recorded on their device and relayed by the hub). The gate
// counts only approved waivers. The decision is a signed statement naming the exact request it
// answers (its justification, who asked and when), so it cannot be moved to another request; the
// core checks the signature and that the decider is not the person who asked. Whether the key is
// a trusted supervisor of the run's office is the report verifier's to check against the trust
// list (core/reports), like every other signature.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlToBytes } from '../reports/base64url';
import { pureJsEd25519 } from '../reports/ed25519';
import type { Ed25519Verifier } from '../reports/ed25519-verifier';
import { decodeUtf8Strict } from '../reports/utf8';
import { canonicalJson } from './canonical';
import type { Actor, Waiver } from './model';

export const WAIVER_DECISION_FORMAT = 'go-live-waiver-decision';

export type WaiverVerdict = 'approve' | 'refuse';

/** What a supervisor signs. Its canonical JSON (UTF-8) is the signed message. */
export interface WaiverStatement {
  format: typeof WAIVER_DECISION_FORMAT;
  formatVersion: 1;
  runId: string;
  itemId: string;
  /** What the supervisor was shown (what you see is what you sign): the run, office and item. */
  runName: string;
  office: string;
  itemTitle: string;
  /** The request decided, as recorded: its justification, who asked (actor id) and when. */
  request: { justification: string; by: string; at: string };
  decision: WaiverVerdict;
  /** Why, when refusing (required then); a remark when approving. */
  comment?: string;
  signer: { publicKey: string; name: string; role: 'supervisor'; office?: string };
  /** ISO 8601. */
  signedAt: string;
}

/** A supervisor's decision on a waiver request, kept on the waiver. */
export interface WaiverDecision {
  statement: WaiverStatement;
  /** base64url Ed25519 signature over the statement's canonical JSON. */
  signature: string;
  /** Who recorded it in the history, and when. */
  by: Actor;
  at: string;
}

export function waiverStatementBytes(statement: WaiverStatement): Uint8Array {
  return utf8ToBytes(canonicalJson(statement));
}

/** The statement a supervisor signs to decide `waiver` of `itemId`. */
export function waiverStatement(input: {
  runId: string;
  itemId: string;
  runName: string;
  office: string;
  itemTitle: string;
  waiver: Waiver;
  decision: WaiverVerdict;
  comment?: string;
  signer: WaiverStatement['signer'];
  signedAt: string;
}): WaiverStatement {
  const { runId, itemId, runName, office, itemTitle, waiver, decision, comment, signer, signedAt } =
    input;
  const statement: WaiverStatement = {
    format: WAIVER_DECISION_FORMAT,
    formatVersion: 1,
    runId,
    itemId,
    runName,
    office,
    itemTitle,
    request: { justification: waiver.justification, by: waiver.by.id, at: waiver.at },
    decision,
    signer,
    signedAt,
  };
  if (comment !== undefined && comment.trim() !== '') statement.comment = comment;
  return statement;
}

/**
 * Why a decision cannot stand on `waiver` (undefined when it can). Plain English. `ed25519` checks
 * the signature: the pure-JS verifier unless the caller has a faster one (the hub's node:crypto).
 */
export function waiverDecisionProblem(
  decision: Pick<WaiverDecision, 'statement' | 'signature'>,
  context: {
    runId: string;
    itemId: string;
    waiver: Waiver;
    decider: Actor;
    ed25519?: Ed25519Verifier;
  },
): string | undefined {
  const { statement, signature } = decision;
  const { waiver, decider } = context;
  if (statement.format !== WAIVER_DECISION_FORMAT || statement.formatVersion !== 1) {
    return 'The decision is not a waiver decision this app reads.';
  }
  if (statement.runId !== context.runId || statement.itemId !== context.itemId) {
    return 'The decision is about another run or item.';
  }
  const request = statement.request;
  if (
    request.justification !== waiver.justification ||
    request.by !== waiver.by.id ||
    request.at !== waiver.at
  ) {
    return 'The decision answers another request than the waiver on record (it was changed since).';
  }
  if (statement.signer.role !== 'supervisor' || decider.role !== 'supervisor') {
    return 'Only a supervisor approves or refuses a waiver.';
  }
  if (decider.id === waiver.by.id) {
    return 'A waiver needs a second person: the one who asked for it cannot decide it.';
  }
  if (statement.decision === 'refuse' && (statement.comment ?? '').trim() === '') {
    return 'Say why the waiver is refused.';
  }
  const key = base64urlToBytes(statement.signer.publicKey);
  const value = base64urlToBytes(signature);
  const verifier = context.ed25519 ?? pureJsEd25519;
  if (!key || !value || !verifier.verify(value, waiverStatementBytes(statement), key)) {
    return "The supervisor's signature on the decision does not verify.";
  }
  return undefined;
}

/** Whether the gate may count this waiver: approved by a valid decision. */
export function isApprovedWaiver(waiver: Waiver | undefined): boolean {
  return waiver?.decision?.statement.decision === 'approve';
}

export type WaiverToSignCheck =
  { ok: true; statement: WaiverStatement } | { ok: false; message: string };

/**
 * What a device key may sign for a waiver: exactly one canonical WaiverStatement (parsed with the
 * same strict schema the history uses) naming this device's key as a supervisor's. Electron's main
 * process and web mode's key store check this before the key is used, and main's confirmation
 * shows the run, office, item, request and decision the statement names.
 */
export function checkWaiverToSign(
  message: Uint8Array,
  publicKey: string,
  parse: (value: unknown) => WaiverStatement | undefined,
): WaiverToSignCheck {
  const refuse = (why: string): WaiverToSignCheck => ({
    ok: false,
    message: `Refused to sign: ${why}`,
  });
  if (message.byteLength > 64 * 1024) return refuse('the message is too large for a decision.');
  const text = decodeUtf8Strict(message);
  if (text === undefined) return refuse('the message is not UTF-8 text.');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return refuse('the message is not a waiver decision.');
  }
  const statement = parse(value);
  if (!statement) return refuse('the message is not a waiver decision.');
  if (canonicalJson(statement) !== text) return refuse('the decision is not in canonical form.');
  if (statement.signer.publicKey !== publicKey) {
    return refuse("the decision names another key than this device's.");
  }
  if (statement.decision === 'refuse' && (statement.comment ?? '').trim() === '') {
    return refuse('a refusal needs its reason.');
  }
  return { ok: true, statement };
}
