// A report's lineage: every revision keeps the office and the run of the revisions known before it
// (issue 11, point 1: an administrator of another office must not be able to take a report over by
// pushing "revision 2" with their own office). The verifier refuses with `lineage-mismatch`.
// The body is built by hand (the hub tests' fixture), so this test depends on nothing but the
// verifier.
import { describe, expect, it } from 'vitest';
import type { KnownRevision, ReportBody, SignedReport, TrustList } from '../../../../core/reports';
import { reportHash, signOff, verifyReport } from '../../../../core/reports';
import { reportBody, signerFor } from '../../../integration/hub/report-fixtures';

const admin = signerFor('lineage-admin', 'Ana Admin', 'admin', 'Berlin');

function body(): ReportBody {
  return reportBody({ reportId: 'run-berlin', office: 'Berlin' });
}

function signedOff(revision: ReportBody): Promise<SignedReport> {
  return signOff(admin, revision, revision.signedAt);
}

async function defaultTrust(): Promise<TrustList> {
  const { publicKey } = await admin.identity();
  return {
    format: 'go-live-trust-list',
    formatVersion: 1,
    keys: [{ publicKey, name: 'Ana Admin', role: 'admin', office: 'Berlin' }],
  };
}

function secondRevision(first: ReportBody, run: Partial<ReportBody['run']>): ReportBody {
  return {
    ...first,
    revision: 2,
    supersedes: reportHash(first),
    run: { ...first.run, ...run },
  };
}

function known(first: ReportBody): KnownRevision {
  return {
    reportId: first.reportId,
    revision: 1,
    reportHash: reportHash(first),
    office: first.run.office,
    runId: first.run.id,
  };
}

describe('the lineage of a report across revisions', () => {
  it('accepts a revision that keeps the office and the run', async () => {
    const first = body();
    const second = await signedOff(secondRevision(first, {}));
    const result = verifyReport(second, await defaultTrust(), { knownRevisions: [known(first)] });
    expect(result.problems).toEqual([]);
  });

  it('refuses a revision that moves the report to another office', async () => {
    const first = body();
    const second = await signedOff(secondRevision(first, { office: 'Madrid' }));
    const result = verifyReport(second, await defaultTrust(), { knownRevisions: [known(first)] });
    expect(result.valid).toBe(false);
    const lineage = result.problems.filter((p) => p.code === 'lineage-mismatch');
    expect(lineage).toEqual([
      expect.objectContaining({
        path: 'body.run.office',
        message: expect.stringMatching(
          /revision 2 .* is for "Madrid", but the known revision 1 is for "Berlin"/,
        ),
      }),
    ]);
  });

  it('refuses a revision that names another run', async () => {
    const first = body();
    const second = await signedOff(secondRevision(first, { id: 'another-run' }));
    const result = verifyReport(second, await defaultTrust(), { knownRevisions: [known(first)] });
    expect(result.problems.filter((p) => p.code === 'lineage-mismatch')).toEqual([
      expect.objectContaining({ path: 'body.run.id' }),
    ]);
  });

  it('checks nothing it is not told: known revisions without office or run', async () => {
    const first = body();
    const second = await signedOff(secondRevision(first, { office: 'Madrid' }));
    const bare = { reportId: first.reportId, revision: 1, reportHash: reportHash(first) };
    const result = verifyReport(second, await defaultTrust(), { knownRevisions: [bare] });
    expect(result.problems.filter((p) => p.code === 'lineage-mismatch')).toEqual([]);
  });
});
