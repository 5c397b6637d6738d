// The verifier's output: VALID or INVALID first, then what the report is, one line per signature
// (purpose, signer, role, key fingerprint, trusted, valid, problem), one line per warning (a key
// revoked after it signed), one line per evidence file the signer declared not included (format 5)
// and one line per problem. Every line is made safe for a terminal
// (safe-text.ts).
import type { SignatureCheck, VerificationResult } from '../../core/reports';
import type { InputKind } from './read-report-file';
import { safeLine } from './safe-text';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

const STATUS_TEXT = {
  'signed-off': 'signed off, not countersigned yet',
  countersigned: 'signed off and countersigned',
  'sent-back': 'sent back for a new revision',
} as const;

function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    current =
      typeof current === 'object' && current !== null
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current;
}

/** Whether the trust list vouches for the key, and when it was revoked if after it signed. */
function trustedText(check: SignatureCheck): string {
  if (!check.keyTrusted) return 'trusted no';
  if (check.revokedAt === undefined) return 'trusted yes';
  return `trusted yes (revoked later, on ${check.revokedAt})`;
}

/** One line saying what the report is about, when its shape allows. */
function describeReport(report: unknown, result: VerificationResult): string[] {
  if (result.reportHash === undefined) return [];
  const name = String(field(report, 'body', 'run', 'name'));
  const office = String(field(report, 'body', 'run', 'office'));
  const definition = `${String(field(report, 'body', 'definition', 'id'))} ${String(field(report, 'body', 'definition', 'version'))}`;
  const gate = String(field(report, 'body', 'gate', 'decision'));
  const signedAt = String(field(report, 'body', 'signedAt'));
  const status = result.status ? `; ${STATUS_TEXT[result.status]}` : '';
  return [
    `report ${result.reportId ?? '?'} revision ${result.revision ?? '?'}: ${name} (${office}), ${definition}, gate ${gate}, signed off ${signedAt}${status}`,
    `report hash ${result.reportHash}`,
  ];
}

export function formatVerification(
  report: unknown,
  result: VerificationResult,
  fileProblems: readonly string[],
  kind: InputKind | undefined,
): { valid: boolean; lines: string[] } {
  const valid = result.valid && fileProblems.length === 0;
  const lines = [valid ? 'VALID' : 'INVALID', ...describeReport(report, result)];
  for (const check of result.signatures) {
    const parts = [
      `signature ${check.index + 1}: ${check.purpose} by ${check.signerName} (${check.signerRole})`,
      `key ${check.fingerprint || '?'}`,
      trustedText(check),
      `valid ${yesNo(check.valid)}`,
    ];
    if (check.comment !== undefined) parts.push(`comment ${JSON.stringify(check.comment)}`);
    if (check.problem !== undefined) parts.push(`problem: ${check.problem}`);
    lines.push(parts.join(', '));
  }
  for (const warning of result.warnings) lines.push(`warning: ${warning.message}`);
  for (const file of result.notIncluded ?? []) {
    lines.push(
      `not included: "${file.name}" of item "${file.itemTitle}" (sha256 ${file.sha256}): the signer did not have this file when signing off, so no bundle of the report holds it`,
    );
  }
  for (const problem of fileProblems) lines.push(`problem: ${problem}`);
  for (const problem of result.problems) lines.push(`problem: ${problem.message}`);
  if (kind === 'pdf') {
    lines.push(
      'note: only the report embedded in the PDF is signed, not its printed pages; if the pages and this report disagree, the report counts.',
    );
  }
  return { valid, lines: lines.map(safeLine) };
}
