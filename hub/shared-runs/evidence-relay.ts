// The hub as the relay of a shared run's evidence files (GET /v1/runs/:runId/evidence, POST and
// GET /v1/runs/:runId/evidence/:sha256): the photo attached on one member's laptop reaches the
// others. Content-addressed by SHA-256 within the run: the hub computes the hash of the bytes it
// receives and refuses bytes that are not what the path names; the same file uploaded twice is
// stored once. The rule that keeps the hub from being free storage: it takes and serves only
// files that an event of the run it has accepted names (an `attach`), so a file can only come
// after the event that attaches it, and never without one. Only the run's owner and its current
// members upload and download; a removed member is refused (403), a supervisor of the office too
// (they read evidence in the reports they countersign), and anyone else is told nothing (404).
import { createHash } from 'node:crypto';
import type { EvidenceUploadReceipt, RunEvidenceListResponse } from '../../core/sync/wire-protocol';
import type { Principal } from '../auth';
import type { HubContext } from '../hub-context';
import { nowIso } from '../hub-context';
import { badRequest, conflict, forbidden, notFound } from '../hub-error';
import { noSuchRun, relationTo } from './run-access';
import { visibleRun } from './share-run';

/** Refuses, before any body is read, a caller who is not the run's owner or a current member. */
export async function requireEvidenceMember(
  context: HubContext,
  principal: Principal,
  runId: string,
  what: 'upload' | 'download' | 'list',
): Promise<void> {
  const { run, members } = await visibleRun(context, principal.user, runId);
  const relation = relationTo(principal.user, run, members);
  switch (relation.kind) {
    case 'owner':
    case 'member':
      return;
    case 'removed':
      throw forbidden(
        `You were removed from the run "${run.name}" on ${relation.member.removedAt ?? '?'}: you may no longer ${what} its evidence files. Files on your device stay there.`,
      );
    case 'supervisor':
      throw forbidden(
        `Only the run's owner and members may ${what} its evidence files; a supervisor reads them in the signed report.`,
      );
    case 'none':
      throw noSuchRun(runId);
  }
}

export async function listEvidence(
  context: HubContext,
  principal: Principal,
  runId: string,
): Promise<RunEvidenceListResponse> {
  await requireEvidenceMember(context, principal, runId, 'list');
  return { runId, evidence: await context.store.sharedRuns.evidence(runId) };
}

export async function uploadEvidence(
  context: HubContext,
  principal: Principal,
  runId: string,
  sha256: string,
  bytes: Uint8Array,
): Promise<{ status: 200 | 201; receipt: EvidenceUploadReceipt }> {
  await requireEvidenceMember(context, principal, runId, 'upload');
  if (bytes.byteLength === 0) {
    throw badRequest(
      'Send the evidence file as the body, with Content-Type: application/octet-stream.',
    );
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw badRequest(
      `The bytes received hash to SHA-256 ${actual}, not ${sha256} as the path says: the file changed or was cut on the way. Nothing was stored.`,
    );
  }
  const outcome = await context.store.sharedRuns.putEvidence(
    runId,
    sha256,
    bytes,
    principal.user.userId,
    nowIso(context),
  );
  if (outcome === 'not-named') {
    throw conflict(
      `No event of the run that the hub holds attaches a file with SHA-256 ${sha256}: push the event that attaches it first. Nothing was stored.`,
    );
  }
  return {
    status: outcome === 'stored' ? 201 : 200,
    receipt: { runId, sha256, size: bytes.byteLength },
  };
}

export async function downloadEvidence(
  context: HubContext,
  principal: Principal,
  runId: string,
  sha256: string,
): Promise<Uint8Array> {
  await requireEvidenceMember(context, principal, runId, 'download');
  const file = await context.store.sharedRuns.evidenceFile(runId, sha256);
  if (!file) {
    throw notFound(`No event of the run names an evidence file with SHA-256 ${sha256}.`);
  }
  if (!file.bytes) {
    throw notFound(
      `The evidence file ${sha256} is named by the run but not uploaded yet: it is still only on the laptop that attached it.`,
    );
  }
  return file.bytes;
}
