// Verifies a signed report as received, offline: first the format and the strict shape (nothing
// coerced, unknown fields refused with their path), then the report hash recomputed from the body,
// then every signature (slot, hash, Ed25519, trust list, role, office, time of any revocation),
// then replays against revisions already known. Valid means no problem at all (warnings do not
// count); without a trust list the keys cannot be vouched for, so the report is never valid then.
// Evidence the signer declared not included (format 5) is named in `notIncluded`: it does not make
// a report invalid, it tells the reader what no bundle of it holds.
// The app (before countersigning), the CLI and the hub's ingest all call this one function.
import { canonicalJson, pureJsSha256 } from '../runs/canonical';
import { pureJsEd25519 } from './ed25519';
import { sameCanonicalJson, samePlainData } from './fast-canonical';
import type { ReportBody, SignedReport, TrustList } from './report-format';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION } from './report-format';
import { evidenceNotIncludedProblems, notIncludedAttachments } from './evidence-not-included';
import { historyProblems, historyShapeProblems } from './report-history';
import { checkWaiverDecisions } from './verify-waivers';
import { signedReportSchema } from './report-schema';
import { describeShapeIssues } from './shape-issues';
import { checkKnownRevisions, checkRevision } from './verify-body';
import type {
  ReportProblem,
  ReportStatus,
  VerificationResult,
  VerifyOptions,
} from './verify-result';
import { checkSignatures } from './verify-signatures';

/** Report format versions this verifier reads. */
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [1, 2, 3, 4, REPORT_FORMAT_VERSION];

/** How many shape problems are listed before the rest are summed up. */
const MAX_SHAPE_PROBLEMS = 20;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A clear refusal for something that is not a report of a version this verifier reads. */
function formatProblem(input: unknown): ReportProblem | undefined {
  const body = field(input, 'body');
  const format = field(body, 'format');
  const version = field(body, 'formatVersion');
  if (format !== undefined && format !== REPORT_FORMAT) {
    return {
      code: 'unsupported-format',
      path: 'body.format',
      message: `body.format: this is not a go-live report (its format is ${JSON.stringify(format)}).`,
    };
  }
  if (typeof version === 'number' && !SUPPORTED_FORMAT_VERSIONS.includes(version)) {
    return {
      code: 'unsupported-format-version',
      path: 'body.formatVersion',
      message: `body.formatVersion: the report is in format version ${version}; this verifier reads version ${SUPPORTED_FORMAT_VERSIONS.join(', ')}. Update the app to verify it.`,
    };
  }
  return undefined;
}

function shapeProblems(issues: Parameters<typeof describeShapeIssues>[0], input: unknown) {
  const described = describeShapeIssues(issues, input);
  const problems: ReportProblem[] = described.slice(0, MAX_SHAPE_PROBLEMS).map((issue) => ({
    code: 'invalid-shape',
    path: issue.path,
    message: `${issue.path === '' ? 'The report' : issue.path}: ${issue.message}.`,
  }));
  if (described.length > MAX_SHAPE_PROBLEMS) {
    problems.push({
      code: 'invalid-shape',
      message: `… and ${described.length - MAX_SHAPE_PROBLEMS} more problems with the report's shape.`,
    });
  }
  return problems;
}

function invalid(problems: ReportProblem[]): VerificationResult {
  return { valid: false, problems, warnings: [], signatures: [] };
}

/** Fields a report of an older format version cannot hold (they came with a later version). */
function fieldsNewerThanFormat(body: ReportBody): ReportProblem[] {
  if (body.formatVersion >= 2) return [];
  return body.sections.flatMap((section, sectionIndex) =>
    section.items.flatMap((item, itemIndex) => {
      if (item.acceptedFailure === undefined) return [];
      const path = `body.sections[${sectionIndex}].items[${itemIndex}].acceptedFailure`;
      return [
        {
          code: 'invalid-shape' as const,
          path,
          message: `${path}: came with format version 2, but the report is in version ${body.formatVersion}.`,
        },
      ];
    }),
  );
}

export function verifyReport(
  input: unknown,
  trust: TrustList | null,
  options: VerifyOptions = {},
): VerificationResult {
  const unsupported = formatProblem(input);
  if (unsupported) return invalid([unsupported]);
  const parsed = signedReportSchema.safeParse(input);
  if (!parsed.success) return invalid(shapeProblems(parsed.error.issues, input));
  const report = parsed.data;
  // The schema never transforms, so this only differs when the parser dropped something it could
  // not represent (a "__proto__" key, say): refuse rather than verify something else.
  const plain = samePlainData(input, report);
  if (!plain && !sameCanonicalJson(input, report)) {
    return invalid([
      {
        code: 'invalid-shape',
        message:
          'The report holds data that cannot be read exactly as received (such as a "__proto__" key).',
      },
    ]);
  }

  const newer = [
    ...fieldsNewerThanFormat(report.body),
    ...historyShapeProblems(report.body),
    ...evidenceNotIncludedProblems(report.body),
  ];
  if (newer.length > 0) return invalid(newer);

  // When the input is plain data equal to what the schema read, it is the same JSON value, and its
  // keys are in canonical order already when it was parsed from canonical text (a report file):
  // its body and events are canonicalised the native way (core/runs/canonical.ts), not the
  // schema's copy with the keys in the schema's order.
  const received = plain ? (input as SignedReport) : report;
  const sha256 = options.sha256 ?? pureJsSha256;
  const hash = sha256.hex(canonicalJson(received.body));
  const ed25519 = options.ed25519 ?? pureJsEd25519;
  const problems: ReportProblem[] = [
    ...checkRevision(report.body),
    ...historyProblems(received.body, sha256),
    ...checkWaiverDecisions(report.body, trust, ed25519),
  ];
  if (options.knownRevisions) {
    problems.push(...checkKnownRevisions(report.body, hash, options.knownRevisions));
  }
  const signatures = checkSignatures(report, hash, trust, options.signedCopy, options.receivedAt, {
    ed25519,
    sha256,
  });
  problems.push(...signatures.problems);
  if (!trust) {
    problems.push({
      code: 'no-trust-list',
      message:
        'No trust list given: signatures checked, keys not checked against a trust list, so nobody vouches for the signers.',
    });
  }
  const purposes = report.signatures.map((s) => s.statement.purpose);
  const status: ReportStatus = purposes.includes('send-back')
    ? 'sent-back'
    : purposes.includes('countersign')
      ? 'countersigned'
      : 'signed-off';
  const notIncluded = notIncludedAttachments(report.body).map(({ ref, itemTitle, path }) => ({
    sha256: ref.sha256,
    name: ref.name,
    size: ref.size,
    itemTitle,
    path,
  }));
  return {
    valid: problems.length === 0,
    reportHash: hash,
    reportId: report.body.reportId,
    revision: report.body.revision,
    status,
    problems,
    warnings: signatures.warnings,
    signatures: signatures.checks,
    ...(notIncluded.length > 0 ? { notIncluded } : {}),
  };
}
