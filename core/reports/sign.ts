// Making signatures: a SignedStatement names the purpose, the reportHash, the signer and the time;
// its canonical JSON (UTF-8) is what the Signer signs. The Signer holds the key (WebCrypto in the
// renderer, Electron main, or createKeySigner for tests, the CLI and the hub's tests); every
// signature it returns is checked before it is used, so a faulty signer cannot produce a report
// that fails verification later. The helpers refuse (throw ReportSigningError) what the verifier
// would reject: a sign-off by anyone but an administrator or a coordinator, a no-go sign-off, a
// supervisor slot filled by another role, a send-back without a comment, a signature over a body
// that changed.
import { base64urlToBytes, bytesToBase64url } from './base64url';
import { canSignOff } from './build-report';
import { ed25519PublicKey, ed25519Sign, ed25519Verify, PUBLIC_KEY_BYTES } from './ed25519';
import { previousSignaturesHash, reportHash, statementBytes } from './report-hash';
import type {
  ReportBody,
  Signature,
  SignaturePurpose,
  SignedReport,
  SignedStatement,
  Signer,
  SignerIdentity,
} from './report-format';
import { REPORT_FORMAT } from './report-format';
import { REPORT_SCHEMA_LIMITS, maySignFor, signerIdentitySchema } from './report-schema';

export type ReportSigningErrorCode =
  | 'invalid-signer'
  | 'signer-failed'
  | 'wrong-role'
  | 'no-go'
  | 'signed-at-mismatch'
  | 'not-signed-off'
  | 'body-changed'
  | 'already-sent-back'
  | 'comment-required'
  | 'comment-too-long';

export class ReportSigningError extends Error {
  constructor(
    readonly code: ReportSigningErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportSigningError';
  }
}

export interface StatementInput {
  purpose: SignaturePurpose;
  body: ReportBody;
  /** ISO 8601 timestamp. */
  signedAt: string;
  comment?: string;
  /** The signatures already on the report: this one then covers them too. */
  previousSignatures?: readonly Signature[];
}

async function identityOf(signer: Signer): Promise<SignerIdentity> {
  const parsed = signerIdentitySchema.safeParse(await signer.identity());
  if (!parsed.success) {
    throw new ReportSigningError('invalid-signer', 'The signer has no usable identity or key.');
  }
  const { publicKey, name, role, office } = parsed.data;
  return office === undefined ? { publicKey, name, role } : { publicKey, name, role, office };
}

/** Signs a statement about `body`. Does not check roles: see signOff, countersign and sendBack. */
export async function signStatement(signer: Signer, input: StatementInput): Promise<Signature> {
  const identity = await identityOf(signer);
  if (input.comment !== undefined && input.comment.length > REPORT_SCHEMA_LIMITS.longText) {
    throw new ReportSigningError('comment-too-long', 'The comment is too long.');
  }
  const statement: SignedStatement = {
    format: REPORT_FORMAT,
    // The body's own version: countersigning a report of an older format keeps that format.
    formatVersion: input.body.formatVersion,
    purpose: input.purpose,
    reportHash: reportHash(input.body),
    signer: identity,
    signedAt: input.signedAt,
  };
  if (input.comment !== undefined) statement.comment = input.comment;
  const previous = previousSignaturesHash(input.previousSignatures ?? []);
  if (previous !== undefined) statement.previousSignatures = previous;
  const message = statementBytes(statement);
  const signature = await signer.sign(message, { body: input.body });
  const publicKey = base64urlToBytes(identity.publicKey) ?? new Uint8Array();
  if (!ed25519Verify(signature, message, publicKey)) {
    throw new ReportSigningError(
      'signer-failed',
      'The signer returned a signature that does not verify with its own public key.',
    );
  }
  return { statement, value: bytesToBase64url(signature) };
}

function requireRole(identity: SignerIdentity, purpose: SignaturePurpose): void {
  if (!maySignFor(identity.role, purpose)) {
    throw new ReportSigningError(
      'wrong-role',
      `A ${purpose} must be signed by ${purpose === 'sign-off' ? "the run's owner (an administrator or a coordinator)" : 'a supervisor'}; ${identity.name} is ${identity.role}.`,
    );
  }
}

/** The administrator signs the site off: the report's first signature. */
export async function signOff(
  signer: Signer,
  body: ReportBody,
  signedAt: string,
): Promise<SignedReport> {
  requireRole(await identityOf(signer), 'sign-off');
  if (!canSignOff(body.gate)) {
    throw new ReportSigningError('no-go', 'The gate says no-go: this run cannot be signed off.');
  }
  if (body.signedAt !== signedAt) {
    throw new ReportSigningError(
      'signed-at-mismatch',
      `The report says it was signed off at ${body.signedAt}, not ${signedAt}.`,
    );
  }
  const signature = await signStatement(signer, { purpose: 'sign-off', body, signedAt });
  return { body, signatures: [signature] };
}

/** A supervisor's signature after the sign-off (countersign or send-back). */
async function supervise(
  signer: Signer,
  report: SignedReport,
  input: Omit<StatementInput, 'body'>,
): Promise<SignedReport> {
  requireRole(await identityOf(signer), input.purpose);
  const first = report.signatures[0];
  if (!first || first.statement.purpose !== 'sign-off') {
    throw new ReportSigningError('not-signed-off', 'The report has not been signed off.');
  }
  if (report.signatures.some((s) => s.statement.purpose === 'send-back')) {
    throw new ReportSigningError(
      'already-sent-back',
      'The report was sent back: it needs a new revision, not another signature.',
    );
  }
  if (first.statement.reportHash !== reportHash(report.body)) {
    throw new ReportSigningError(
      'body-changed',
      'The report changed after it was signed off: it cannot be signed.',
    );
  }
  const signature = await signStatement(signer, {
    ...input,
    body: report.body,
    previousSignatures: report.signatures,
  });
  return { ...report, signatures: [...report.signatures, signature] };
}

/** A supervisor approves the signed-off report. Verify it (verifyReport) before calling this. */
export function countersign(
  signer: Signer,
  report: SignedReport,
  signedAt: string,
  comment?: string,
): Promise<SignedReport> {
  return supervise(signer, report, {
    purpose: 'countersign',
    signedAt,
    ...(comment === undefined ? {} : { comment }),
  });
}

/** A supervisor sends the report back for a new revision; the comment says what to fix. */
export function sendBack(
  signer: Signer,
  report: SignedReport,
  signedAt: string,
  comment: string,
): Promise<SignedReport> {
  if (typeof comment !== 'string' || comment.trim() === '') {
    return Promise.reject(
      new ReportSigningError('comment-required', 'Say why the report is sent back.'),
    );
  }
  return supervise(signer, report, { purpose: 'send-back', signedAt, comment });
}

/**
 * A Signer over a raw 32-byte Ed25519 private key (the RFC 8032 seed). For tests, the CLI and the
 * hub's tests; the app keeps its keys in WebCrypto or Electron main instead.
 */
export function createKeySigner(
  privateKey: Uint8Array,
  identity: Omit<SignerIdentity, 'publicKey'>,
): Signer {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== PUBLIC_KEY_BYTES) {
    throw new ReportSigningError('invalid-signer', 'An Ed25519 private key is 32 bytes.');
  }
  const key = Uint8Array.from(privateKey);
  const publicKey = bytesToBase64url(ed25519PublicKey(key));
  const full: SignerIdentity = { ...identity, publicKey };
  return {
    identity: () => Promise.resolve({ ...full }),
    sign: (message) => Promise.resolve(ed25519Sign(message, key)),
  };
}
