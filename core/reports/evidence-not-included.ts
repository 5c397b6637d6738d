// Evidence a report refers to but was signed without (format 5). On a shared run a file attached on
// another member's laptop reaches the owner's device only through the hub; when the owner signs off
// before it arrived, the signed body says so in `evidenceNotIncluded` (the SHA-256s of those files),
// so the signature covers "these files were not in hand", and every reader tells "not included,
// as the signer declared" apart from "removed from the bundle after signing" (a problem) and
// "changed" (a mismatch). One rule for the builder, the verifier and the bundle.
import type { ListedAttachment } from './bundle-format';
import { includedAttachments, listedAttachments } from './bundle-format';
import type { ReportBody } from './report-format';
import type { ReportProblem } from './verify-result';

/** The format version that brought `evidenceNotIncluded`. */
export const EVIDENCE_NOT_INCLUDED_SINCE = 5;

/**
 * The SHA-256s of the files `body` lists whose bytes are not in `held`, sorted and once each: what
 * the builder writes into `evidenceNotIncluded` (omitted when empty).
 */
export function evidenceNotHeld(
  body: Pick<ReportBody, 'sections'>,
  isHeld: (sha256: string) => boolean,
): string[] {
  const missing = new Set<string>();
  for (const { ref } of listedAttachments(body)) {
    if (!isHeld(ref.sha256)) missing.add(ref.sha256);
  }
  return [...missing].sort();
}

/**
 * Every listed attachment of the body (read leniently, like listedAttachments) that it declares not
 * included, once per file, in report order.
 */
export function notIncludedAttachments(body: unknown): ListedAttachment[] {
  const included = new Set(includedAttachments(body).map(({ ref }) => ref.sha256));
  const seen = new Set<string>();
  return listedAttachments(body).filter(({ ref }) => {
    if (included.has(ref.sha256) || seen.has(ref.sha256)) return false;
    seen.add(ref.sha256);
    return true;
  });
}

/**
 * Shape rules the schema cannot say: the field came with format 5, and each hash it holds is a file
 * the report lists, named once (otherwise a signer could declare away nothing, or a reader could
 * not tell which file is meant).
 */
export function evidenceNotIncludedProblems(body: ReportBody): ReportProblem[] {
  const declared = body.evidenceNotIncluded;
  if (declared === undefined) return [];
  if (body.formatVersion < EVIDENCE_NOT_INCLUDED_SINCE) {
    return [
      {
        code: 'invalid-shape',
        path: 'body.evidenceNotIncluded',
        message: `body.evidenceNotIncluded: came with format version ${EVIDENCE_NOT_INCLUDED_SINCE}, but the report is in version ${body.formatVersion}.`,
      },
    ];
  }
  const listed = new Set(listedAttachments(body).map(({ ref }) => ref.sha256));
  const seen = new Set<string>();
  const problems: ReportProblem[] = [];
  declared.forEach((hash, index) => {
    const path = `body.evidenceNotIncluded[${index}]`;
    if (seen.has(hash)) {
      problems.push({
        code: 'invalid-shape',
        path,
        message: `${path}: the file ${hash.slice(0, 16)}… is named twice.`,
      });
    } else if (!listed.has(hash)) {
      problems.push({
        code: 'invalid-shape',
        path,
        message: `${path}: names the file ${hash.slice(0, 16)}…, which no item of the report lists.`,
      });
    }
    seen.add(hash);
  });
  return problems;
}
