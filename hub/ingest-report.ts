// POST /v1/reports: a signed report bundle from an office's administrator, stored exactly once.
// Order matters: (1) the bundle is decoded by core (limits, canonical report.json, evidence
// hashes); (2) an administrator pushes only their own office's reports: the office the report
// claims is checked before anything else (403), and a stored report belongs to the office of its
// first revision: to an administrator of any other office it does not exist (issue 11, points 1
// and 12), so "revision 2" of another office's report gets the very answer a report the hub never
// saw would get; (3) the very same bytes again (same SHA-256 of report.json) get the original
// receipt; (4) the parsed report.json is verified by core's verifyReport against the hub's trust
// list and the revisions already stored, with their office (a revision keeps its report's office:
// lineage-mismatch), on the data as received (nothing coerced); (5) the revision must extend the
// stored chain: revision n > 1 names revision n-1's reportHash in `supersedes`, an older or
// conflicting revision is refused (409); (6) the insert relies on UNIQUE(report_id, revision)
// and re-reads on a conflict, so concurrent duplicates also get one receipt.
import type { KnownRevision, ReportProblem, SignedReport } from '../core/reports/index';
import { BUNDLE_LIMITS, decodeBundle, verifyReport } from '../core/reports/index';
import { canonicalJson } from '../core/runs/index';
import type { ReportReceipt } from '../core/sync/wire-protocol';
import { requireRunOwnerOf } from './access';
import type { Principal } from './auth';
import type { HubContext } from './hub-context';
import { nowIso } from './hub-context';
import { conflict, invalidReport } from './hub-error';
import { nodeEd25519 } from './node-ed25519';
import { nodeSha256 } from './node-sha256';
import type { ReportMeta, ReviewState, SignatureRecord } from './store/hub-store';
import { reportNotices } from './notifications/hooks';
import { isStorableText, unstorablePaths } from './storable-text';
import { buildTrustList } from './trust';

export interface IngestOutcome {
  status: 200 | 201;
  receipt: ReportReceipt;
}

/** Problems that mean "conflicts with what the hub holds" (409), not "is not a valid report". */
const REVISION_PROBLEMS = new Set([
  'replayed-revision',
  'conflicting-revision',
  'supersedes-mismatch',
  'lineage-mismatch',
]);

export function receiptOf(meta: ReportMeta, replay: boolean): ReportReceipt {
  return {
    reportId: meta.reportId,
    revision: meta.revision,
    reportHash: meta.reportHash,
    receivedAt: meta.receivedAt,
    replay,
  };
}

export const REVIEW_STATE: Record<'signed-off' | 'countersigned' | 'sent-back', ReviewState> = {
  'signed-off': 'signed',
  countersigned: 'countersigned',
  'sent-back': 'sent-back',
};

interface Claim {
  reportId: string;
  revision: number;
  office?: string;
}

/**
 * reportId, revision and office as claimed by data not verified yet: only to refuse early and to
 * find a replay, never to store.
 */
function claimed(signed: unknown): Claim | undefined {
  const body = (
    signed as { body?: { reportId?: unknown; revision?: unknown; run?: { office?: unknown } } }
  )?.body;
  if (typeof body?.reportId !== 'string' || !Number.isSafeInteger(body.revision)) return undefined;
  if (!isStorableText(body.reportId)) return undefined;
  const office = body.run?.office;
  return {
    reportId: body.reportId,
    revision: body.revision as number,
    ...(typeof office === 'string' ? { office } : {}),
  };
}

/**
 * The stored revisions of a report as the caller may know them: all of them when the report is
 * the caller's office's (the office of its first revision), none otherwise.
 */
function chainOf(stored: readonly ReportMeta[], principal: Principal): readonly ReportMeta[] {
  const owner = stored[0]?.office;
  return owner === undefined || owner === principal.user.office ? stored : [];
}

function takenByAnother(reportId: string) {
  return conflict(
    `The report id ${reportId} is already taken on this hub by a report your office cannot see: a report id names one run, so this report cannot be stored under it.`,
  );
}

function supersededMessage(meta: ReportMeta, latest: ReportMeta): string {
  return `Revision ${meta.revision} of report ${meta.reportId} was superseded by revision ${latest.revision}: this is a replay of an older revision. These exact bytes were stored on ${meta.receivedAt} (report hash ${meta.reportHash}).`;
}

function describe(problems: readonly ReportProblem[]): string[] {
  return problems.map((problem) => `${problem.code}: ${problem.message}`);
}

export async function ingestReport(
  context: HubContext,
  principal: Principal,
  bytes: Uint8Array,
): Promise<IngestOutcome> {
  const { store } = context;
  requireRunOwnerOf(principal.user);
  // Hashing with node:crypto throughout (decodeBundle hashes the body for the manifest and every
  // piece of evidence; verifyReport the body and the signatures before each signature).
  const decoded = decodeBundle(bytes, BUNDLE_LIMITS, nodeSha256);
  if (!decoded.ok) {
    throw invalidReport(
      'The report bundle cannot be read as a report bundle.',
      decoded.problems.map((problem) => `${problem.code}: ${problem.message}`),
    );
  }
  const { signed } = decoded;
  // report.json is canonical (decodeBundle checks): the SHA-256 of its bytes as received.
  const jsonHash = nodeSha256.hex(decoded.reportJson);

  const claim = claimed(signed);
  if (claim?.office !== undefined) requireRunOwnerOf(principal.user, claim.office);
  const stored = claim ? await store.reportRevisions(claim.reportId) : [];
  const chain = chainOf(stored, principal);
  const same = chain.find((r) => r.revision === claim?.revision && r.jsonHash === jsonHash);
  if (same) {
    requireRunOwnerOf(principal.user, same.office);
    const latest = chain.at(-1) ?? same;
    if (latest.revision > same.revision) throw conflict(supersededMessage(same, latest));
    return { status: 200, receipt: receiptOf(same, true) };
  }

  const revisions: KnownRevision[] = chain.map(({ reportId, revision, reportHash, office }) => ({
    reportId,
    revision,
    reportHash,
    office,
  }));
  // The hub's clock vouches for when the signatures arrived: a key revoked by then cannot vouch
  // for them, whatever signing time they claim (core's verify-signatures.ts).
  const result = verifyReport(signed, await buildTrustList(store), {
    knownRevisions: revisions,
    receivedAt: nowIso(context),
    ed25519: nodeEd25519,
    sha256: nodeSha256,
  });
  const invalid = result.problems.filter((problem) => !REVISION_PROBLEMS.has(problem.code));
  if (invalid.length > 0 || result.reportHash === undefined || result.status === undefined) {
    throw invalidReport(
      `The report does not verify (${invalid.length} problem${invalid.length === 1 ? '' : 's'}): it was changed after signing, or is not signed by keys this hub trusts.`,
      describe(invalid),
    );
  }
  // Verified: the data has the SignedReport shape exactly, as received.
  const report = signed as SignedReport;
  const { body } = report;
  const columns = {
    reportId: body.reportId,
    office: body.run.office,
    runName: body.run.name,
    definition: body.definition,
  };
  const unstorable = unstorablePaths(columns);
  if (unstorable.length > 0) {
    throw invalidReport(
      'The report names its id, office, run or definition with a NUL character or a lone surrogate, which the hub does not store.',
      unstorable,
    );
  }
  requireRunOwnerOf(principal.user, body.run.office);

  const clashes = result.problems.filter((problem) => REVISION_PROBLEMS.has(problem.code));
  if (clashes.length > 0) {
    throw conflict(
      `Revision ${body.revision} of report ${body.reportId} conflicts with the revisions the hub holds.`,
      describe(clashes),
    );
  }
  if (body.revision > 1 && !revisions.some((r) => r.revision === body.revision - 1)) {
    throw conflict(
      `Revision ${body.revision} of report ${body.reportId} replaces revision ${body.revision - 1}, which ${body.run.office} has not pushed to the hub: send revision ${body.revision - 1} first.`,
    );
  }
  if (chain.length === 0 && stored.length > 0) throw takenByAnother(body.reportId);

  const receivedAt = nowIso(context);
  const meta: ReportMeta = {
    reportId: body.reportId,
    revision: body.revision,
    reportHash: result.reportHash,
    jsonHash,
    office: body.run.office,
    runName: body.run.name,
    definitionId: body.definition.id,
    definitionVersion: body.definition.version,
    decision: body.gate.decision,
    signedAt: body.signedAt,
    receivedAt,
    reviewState: REVIEW_STATE[result.status],
    signatureCount: report.signatures.length,
    deviceId: principal.device.deviceId,
  };
  const signatures: SignatureRecord[] = report.signatures.map((signature, index) => ({
    reportId: body.reportId,
    revision: body.revision,
    index,
    purpose: signature.statement.purpose,
    signerPublicKey: signature.statement.signer.publicKey,
    signedAt: signature.statement.signedAt,
    signatureJson: canonicalJson(signature),
    receivedAt,
    deviceId: null,
  }));
  // Notifications: written in the insert's transaction (hub/notifications/hooks.ts).
  const outcome = await store.insertReport(
    { meta, bundle: bytes, signatures },
    reportNotices(meta, signatures),
  );
  if (outcome.inserted) return { status: 201, receipt: receiptOf(meta, false) };
  // Stored meanwhile by someone else: answer as if it had been there before (see chainOf).
  if (chainOf([outcome.existing], principal).length === 0) throw takenByAnother(body.reportId);
  if (outcome.existing.jsonHash === jsonHash) {
    return { status: 200, receipt: receiptOf(outcome.existing, true) };
  }
  throw conflict(
    `Revision ${body.revision} of report ${body.reportId} is already stored with other content (report hash ${outcome.existing.reportHash}).`,
  );
}
