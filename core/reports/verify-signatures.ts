// The verifier's checks of each signature: its slot (sign-off first, supervisors after, nothing
// after a send-back), that it covers this very body, that the Ed25519 signature holds over the
// canonical statement, and that the trust list knows the key, gives it the role (and name) the
// statement claims and the slot needs, binds it to the report's office (an administrator or the
// coordinator of this office signs off; a supervisor of this office countersigns or sends back),
// and had not revoked
// it when the signature was made.
//
// Revocation has a time, and signatures made before it stand (with a warning). What proves
// "before"? The signing time in a statement is chosen by the signer, so a stolen key can claim
// any time. Where the verifier has a clock it trusts, the time it received the report
// (options.receivedAt: the hub's receipt time), the signature must also have been received before
// the revocation. Offline (the app, the CLI) the claimed time is all there is: a signature that
// claims a time before the revocation is accepted, and the warning says the key was revoked later,
// so the reader knows to ask. Whatever reached the hub before a revocation is accepted offline too.
import { base64urlToBytes } from './base64url';
import { diffReportBodies } from './diff-bodies';
import { keyFingerprint } from './ed25519';
import type { Ed25519Verifier } from './ed25519-verifier';
import type { Signature, SignedReport, TrustList } from './report-format';
import { previousSignaturesHash, statementBytes } from './report-hash';
import { ROLES_FOR_PURPOSE, maySignFor } from './report-schema';
import { findTrustedKey } from './trust-list';
import type {
  ReportProblem,
  ReportProblemCode,
  ReportWarning,
  SignatureCheck,
} from './verify-result';
import { canonicalJson, type Sha256 } from '../runs/canonical';

const ROLE_NAME = {
  admin: 'an administrator',
  supervisor: 'a supervisor',
  head: 'a head of ICT',
  coordinator: 'a coordinator',
};

/** The gist of each problem, for the one-line summary of a signature (full text in problems). */
const SHORT: Partial<Record<ReportProblemCode, string>> = {
  'unsupported-format-version': 'unknown format version',
  'first-not-sign-off': 'the first signature is not the sign-off',
  'unexpected-sign-off': 'a second sign-off',
  'signature-after-send-back': 'made after the report was sent back',
  'duplicate-signer': 'the same key signed twice',
  'signature-chain-broken': 'earlier signatures were removed, swapped or reordered',
  'comment-required': 'a send-back without a comment',
  'hash-mismatch': 'the report changed after this signature',
  'signed-at-mismatch': 'signed at another time than the report says',
  'bad-signature': 'the signature does not verify',
  'untrusted-key': 'key not on the trust list',
  'revoked-key': 'key revoked',
  'role-mismatch': 'role differs from the trust list',
  'name-mismatch': 'name differs from the trust list',
  'wrong-role-for-purpose': 'this role may not sign here',
  'not-admin-of-office': 'not an administrator of this office',
  'not-coordinator-of-office': 'not a coordinator of this office',
  'not-supervisor-of-office': 'does not supervise this office',
};

function short(hash: string): string {
  return `${hash.slice(0, 16)}…`;
}

/** The hash of a copy of the body, or undefined when it cannot be canonicalised. */
function hashOf(copy: unknown, sha256: Sha256): string | undefined {
  try {
    return sha256.hex(canonicalJson(copy));
  } catch {
    return undefined;
  }
}

interface Context {
  report: SignedReport;
  hash: string;
  trust: TrustList | null;
  signedCopy: unknown;
  receivedAt: string | undefined;
  ed25519: Ed25519Verifier;
  sha256: Sha256;
}

function changedMessage(context: Context, signature: Signature, label: string): string {
  const covered = signature.statement.reportHash;
  const head = `${label} covers report hash ${short(covered)}, but the report now hashes to ${short(context.hash)}: the report body was changed after signing.`;
  if (context.signedCopy !== undefined && hashOf(context.signedCopy, context.sha256) === covered) {
    const fields = diffReportBodies(context.signedCopy, context.report.body, 20).map(
      (path) => `body.${path}`,
    );
    return `${head} Changed: ${fields.join(', ')}.`;
  }
  return `${head} Which field changed cannot be told without the signed copy.`;
}

function checkOne(
  context: Context,
  signature: Signature,
  index: number,
  earlier: readonly Signature[],
): { check: SignatureCheck; problems: ReportProblem[]; warning: ReportWarning | undefined } {
  const { statement } = signature;
  const { body } = context.report;
  const { purpose, signer } = statement;
  const label = `Signature ${index + 1} (${purpose} by ${signer.name})`;
  const base = `signatures[${index}]`;
  const problems: ReportProblem[] = [];
  const add = (code: ReportProblemCode, path: string, message: string): void => {
    problems.push({
      code,
      path: `${base}${path}`,
      signature: index,
      message: `${label}: ${message}`,
    });
  };

  if (statement.formatVersion !== body.formatVersion) {
    add(
      'unsupported-format-version',
      '.statement.formatVersion',
      `it is in format version ${statement.formatVersion}, the report in ${body.formatVersion}.`,
    );
  }
  if (index === 0 && purpose !== 'sign-off') {
    add(
      'first-not-sign-off',
      '.statement.purpose',
      "the first signature must be the administrator's sign-off.",
    );
  }
  if (index > 0 && purpose === 'sign-off') {
    add(
      'unexpected-sign-off',
      '.statement.purpose',
      'a report is signed off once, by the first signature.',
    );
  }
  if (earlier.some((s) => s.statement.purpose === 'send-back')) {
    add(
      'signature-after-send-back',
      '',
      'the report was already sent back; a new revision must be signed instead.',
    );
  }
  if (earlier.some((s) => s.statement.signer.publicKey === signer.publicKey)) {
    add(
      'duplicate-signer',
      '.statement.signer.publicKey',
      'the same key already signed this report.',
    );
  }
  if (statement.previousSignatures !== previousSignaturesHash(earlier, context.sha256)) {
    add(
      'signature-chain-broken',
      '.statement.previousSignatures',
      index === 0
        ? 'the first signature cannot answer earlier signatures: signatures were removed before it.'
        : 'it answers other earlier signatures than this report holds: a signature before it was removed, swapped or reordered.',
    );
  }
  if (purpose === 'send-back' && (statement.comment ?? '').trim() === '') {
    add('comment-required', '.statement.comment', 'a send-back must say why, in its comment.');
  }

  const hashMatches = statement.reportHash === context.hash;
  if (!hashMatches) {
    problems.push({
      code: 'hash-mismatch',
      path: `${base}.statement.reportHash`,
      signature: index,
      message: changedMessage(context, signature, label),
    });
  }
  if (purpose === 'sign-off' && statement.signedAt !== body.signedAt) {
    add(
      'signed-at-mismatch',
      '.statement.signedAt',
      `it was made at ${statement.signedAt}, but the report says it was signed off at ${body.signedAt}.`,
    );
  }
  const signatureBytes = base64urlToBytes(signature.value);
  const keyBytes = base64urlToBytes(signer.publicKey);
  const signatureHolds =
    signatureBytes !== undefined &&
    keyBytes !== undefined &&
    context.ed25519.verify(signatureBytes, statementBytes(statement), keyBytes);
  if (!signatureHolds) {
    add(
      'bad-signature',
      '.value',
      "the signature value does not verify with the signer's public key: the signature or its statement was altered, or it was not made with this key.",
    );
  }

  const trusted = context.trust ? findTrustedKey(context.trust, signer.publicKey) : undefined;
  if (context.trust && !trusted) {
    add(
      'untrusted-key',
      '.statement.signer.publicKey',
      `the key ${keyFingerprint(signer.publicKey) ?? '?'} is not on the trust list.`,
    );
  }
  let warning: ReportWarning | undefined;
  if (trusted) {
    if (trusted.revokedAt !== undefined) {
      const revocation = checkRevocation(context, statement.signedAt, trusted.revokedAt);
      if (revocation.refused) add('revoked-key', '.statement.signer.publicKey', revocation.message);
      else
        warning = {
          code: 'key-revoked-later',
          signature: index,
          message: `${label}: ${revocation.message}`,
        };
    }
    if (trusted.role !== signer.role) {
      add(
        'role-mismatch',
        '.statement.signer.role',
        `the signature claims the role ${signer.role}, but the trust list gives this key the role ${trusted.role}.`,
      );
    }
    if (trusted.name !== signer.name) {
      add(
        'name-mismatch',
        '.statement.signer.name',
        `the trust list gives this key to ${trusted.name}.`,
      );
    }
    const office = body.run.office;
    const signsOff = purpose === 'sign-off';
    if (signsOff && trusted.role === 'admin' && trusted.office !== office) {
      add(
        'not-admin-of-office',
        '.statement.signer',
        trusted.office === undefined
          ? `the trust list names no office for ${trusted.name}, so nothing shows they may sign off a report of ${office}.`
          : `${trusted.name} is an administrator of ${trusted.office}, not of ${office}: only an administrator of the report's office signs it off.`,
      );
    }
    if (signsOff && trusted.role === 'coordinator' && trusted.office !== office) {
      add(
        'not-coordinator-of-office',
        '.statement.signer',
        trusted.office === undefined
          ? `the trust list names no office for ${trusted.name}, so nothing shows they may sign off a report of ${office}.`
          : `${trusted.name} is a coordinator of ${trusted.office}, not of ${office}: only a coordinator of the report's office signs it off.`,
      );
    }
    if (
      !signsOff &&
      trusted.role === 'supervisor' &&
      !(trusted.supervises ?? []).includes(office)
    ) {
      add(
        'not-supervisor-of-office',
        '.statement.signer',
        trusted.supervises === undefined
          ? `the trust list names no office ${trusted.name} supervises, so nothing shows they may ${purpose} a report of ${office}.`
          : `${trusted.name} does not supervise ${office}.`,
      );
    }
  }
  const role = trusted?.role ?? signer.role;
  if (!maySignFor(role, purpose)) {
    const needed = ROLES_FOR_PURPOSE[purpose].map((allowed) => `${ROLE_NAME[allowed]}'s`);
    add(
      'wrong-role-for-purpose',
      '.statement.signer.role',
      `a ${purpose} needs ${needed.join(' or ')} key; this key belongs to ${ROLE_NAME[role]}.`,
    );
  }

  const check: SignatureCheck = {
    index,
    purpose,
    signerName: signer.name,
    signerRole: signer.role,
    publicKey: signer.publicKey,
    fingerprint: keyFingerprint(signer.publicKey) ?? '',
    signedAt: statement.signedAt,
    keyTrusted: trusted !== undefined && !problems.some((p) => p.code === 'revoked-key'),
    valid: hashMatches && signatureHolds,
  };
  if (statement.comment !== undefined) check.comment = statement.comment;
  if (trusted) check.keyRole = trusted.role;
  if (trusted?.revokedAt !== undefined) check.revokedAt = trusted.revokedAt;
  if (problems.length > 0) {
    check.problem = [...new Set(problems.map((p) => SHORT[p.code] ?? p.code))].join('; ');
  }
  return { check, problems, warning };
}

/** Whether a revocation refuses this signature, and what to say either way (see the top). */
function checkRevocation(
  context: Context,
  signedAt: string,
  revokedAt: string,
): { refused: boolean; message: string } {
  const revoked = Date.parse(revokedAt);
  // A time that does not parse compares as NaN: never "before", so refused.
  if (!(Date.parse(signedAt) < revoked)) {
    return {
      refused: true,
      message: `the key was revoked on ${revokedAt}, and this signature was made at ${signedAt}, not before that.`,
    };
  }
  const { receivedAt } = context;
  if (receivedAt !== undefined && !(Date.parse(receivedAt) < revoked)) {
    return {
      refused: true,
      message: `the key was revoked on ${revokedAt}, before this signature was received (${receivedAt}); the time it claims, ${signedAt}, is the signer's own word and does not show it was made earlier.`,
    };
  }
  return {
    refused: false,
    message:
      receivedAt === undefined
        ? `the key was revoked later, on ${revokedAt}; the signature says it was made at ${signedAt}, before that (a time the signer states), so it stands.`
        : `the key was revoked later, on ${revokedAt}; the signature was received at ${receivedAt}, before that, so it stands.`,
  };
}

export function checkSignatures(
  report: SignedReport,
  hash: string,
  trust: TrustList | null,
  signedCopy: unknown,
  receivedAt: string | undefined,
  crypto: { ed25519: Ed25519Verifier; sha256: Sha256 },
): { checks: SignatureCheck[]; problems: ReportProblem[]; warnings: ReportWarning[] } {
  const context: Context = { report, hash, trust, signedCopy, receivedAt, ...crypto };
  const checks: SignatureCheck[] = [];
  const problems: ReportProblem[] = [];
  const warnings: ReportWarning[] = [];
  if (report.signatures.length === 0) {
    problems.push({
      code: 'no-signatures',
      path: 'signatures',
      message: 'signatures: the report is not signed.',
    });
  }
  report.signatures.forEach((signature, index) => {
    const result = checkOne(context, signature, index, report.signatures.slice(0, index));
    checks.push(result.check);
    problems.push(...result.problems);
    if (result.warning) warnings.push(result.warning);
  });
  return { checks, problems, warnings };
}
