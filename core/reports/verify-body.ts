// The verifier's rules about the report body itself (after its shape was checked): revision and
// supersedes, the gate a sign-off may cover, replays of an older or conflicting revision, and the
// lineage of a report: every revision keeps the office and run of the revisions before it, so a
// revision cannot move a report to another office (or graft another run onto it).
import type { ReportBody } from './report-format';
import type { KnownRevision, ReportProblem } from './verify-result';

export function checkRevision(body: ReportBody): ReportProblem[] {
  const problems: ReportProblem[] = [];
  if (body.revision < 1) {
    problems.push({
      code: 'invalid-revision',
      path: 'body.revision',
      message: `body.revision: the revision is ${body.revision}; revisions start at 1.`,
    });
  } else if (body.revision === 1 && body.supersedes !== null) {
    problems.push({
      code: 'invalid-supersedes',
      path: 'body.supersedes',
      message: 'body.supersedes: revision 1 is the first revision, so it cannot replace another.',
    });
  } else if (body.revision > 1 && body.supersedes === null) {
    problems.push({
      code: 'invalid-supersedes',
      path: 'body.supersedes',
      message: `body.supersedes: revision ${body.revision} must name the report hash of the revision it replaces.`,
    });
  }
  if (body.gate.decision === 'no-go') {
    problems.push({
      code: 'no-go-signed-off',
      path: 'body.gate.decision',
      message:
        'body.gate.decision: the gate says no-go, so this run could not have been signed off.',
    });
  }
  return problems;
}

function lineageProblems(body: ReportBody, same: readonly KnownRevision[]): ReportProblem[] {
  const otherOffice = same.find((k) => k.office !== undefined && k.office !== body.run.office);
  const otherRun = same.find((k) => k.runId !== undefined && k.runId !== body.run.id);
  const problems: ReportProblem[] = [];
  if (otherOffice) {
    problems.push({
      code: 'lineage-mismatch',
      path: 'body.run.office',
      message: `body.run.office: revision ${body.revision} of report ${body.reportId} is for ${JSON.stringify(body.run.office)}, but the known revision ${otherOffice.revision} is for ${JSON.stringify(otherOffice.office)}; a revision keeps the office of the report it revises.`,
    });
  }
  if (otherRun) {
    problems.push({
      code: 'lineage-mismatch',
      path: 'body.run.id',
      message: `body.run.id: revision ${body.revision} of report ${body.reportId} reports on run ${JSON.stringify(body.run.id)}, but the known revision ${otherRun.revision} on run ${JSON.stringify(otherRun.runId)}; a revision keeps the run of the report it revises.`,
    });
  }
  return problems;
}

export function checkKnownRevisions(
  body: ReportBody,
  hash: string,
  known: readonly KnownRevision[],
): ReportProblem[] {
  const problems: ReportProblem[] = [];
  const same = known.filter((k) => k.reportId === body.reportId);
  const newest = same.reduce<KnownRevision | undefined>(
    (best, k) => (best === undefined || k.revision > best.revision ? k : best),
    undefined,
  );
  if (newest && newest.revision > body.revision) {
    problems.push({
      code: 'replayed-revision',
      path: 'body.revision',
      message: `body.revision: revision ${newest.revision} of report ${body.reportId} is already known; this is the older revision ${body.revision}, replayed or out of date.`,
    });
  }
  const conflicting = same.find((k) => k.revision === body.revision && k.reportHash !== hash);
  if (conflicting) {
    problems.push({
      code: 'conflicting-revision',
      path: 'body.revision',
      message: `body.revision: revision ${body.revision} of report ${body.reportId} is already known with other content (report hash ${conflicting.reportHash.slice(0, 16)}…, this one ${hash.slice(0, 16)}…).`,
    });
  }
  const previous = same.find((k) => k.revision === body.revision - 1);
  if (previous && body.supersedes !== null && body.supersedes !== previous.reportHash) {
    problems.push({
      code: 'supersedes-mismatch',
      path: 'body.supersedes',
      message: `body.supersedes: revision ${body.revision} says it replaces report hash ${body.supersedes.slice(0, 16)}…, but the known revision ${previous.revision} has report hash ${previous.reportHash.slice(0, 16)}….`,
    });
  }
  problems.push(...lineageProblems(body, same));
  return problems;
}
