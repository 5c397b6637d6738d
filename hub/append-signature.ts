// POST /v1/reports/:reportId/:revision/signatures: a supervisor of the report's office countersigns
// or sends back a stored revision with their own enrolled key (a revision of another office is,
// to them, not there: 404). The new signature is verified by
// core over the stored body (its slot, hash, Ed25519, trust and role); the same signature again is
// a replay; appends are optimistic on the signature count, so two supervisors signing at once are
// both kept in order, never one lost.
import type { Signature, SignedReport } from '../core/reports/index';
import { verifyReport } from '../core/reports/index';
import { canonicalJson } from '../core/runs/index';
import type { SignatureReceipt } from '../core/sync/wire-protocol';
import { requireSupervisor } from './access';
import type { Principal } from './auth';
import type { HubContext } from './hub-context';
import { nowIso } from './hub-context';
import { conflict, forbidden, HubError, invalidReport } from './hub-error';
import { nodeEd25519 } from './node-ed25519';
import { nodeSha256 } from './node-sha256';
import { REVIEW_STATE } from './ingest-report';
import { signatureNotices } from './notifications/hooks';
import { accessibleRevision, noSuchRevision } from './report-access';
import { storedReport } from './report-bundle';
import { buildTrustList } from './trust';

export interface AppendOutcome {
  status: 200 | 201;
  receipt: SignatureReceipt;
}

const ATTEMPTS = 5;

export async function appendSignature(
  context: HubContext,
  principal: Principal,
  reportId: string,
  revision: number,
  signature: Signature,
): Promise<AppendOutcome> {
  const { store } = context;
  const { user } = principal;
  requireSupervisor(user);
  const ownKeys = (await store.listDevices())
    .filter((device) => device.userId === user.userId && device.revokedAt === null)
    .map((device) => device.publicKey);
  if (!ownKeys.includes(signature.statement.signer.publicKey)) {
    throw forbidden(`Sign with your own enrolled key: this signature is by another key.`);
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // Another office's report answers like a missing one (report-access.ts).
    await accessibleRevision(store, reportId, revision, (office) =>
      user.supervises.includes(office),
    );
    const stored = await store.getReport(reportId, revision);
    if (!stored) throw noSuchRevision(reportId, revision);
    const { meta } = stored;
    const { signed } = await storedReport(store, meta, stored.bundle);
    const json = canonicalJson(signature);
    const index = signed.signatures.findIndex((s) => canonicalJson(s) === json);
    if (index >= 0) {
      const record = (await store.signatures(reportId, revision))[index];
      return {
        status: 200,
        receipt: {
          ...receiptBase(meta),
          receivedAt: record?.receivedAt ?? meta.receivedAt,
          index,
          reviewState: meta.reviewState,
          replay: true,
        },
      };
    }
    const newer = (await store.reportRevisions(reportId)).at(-1);
    if (newer && newer.revision > revision) {
      throw conflict(
        `Revision ${revision} of report ${reportId} was superseded by revision ${newer.revision}: review that one.`,
      );
    }
    if (meta.reviewState === 'sent-back') {
      throw conflict(
        `Revision ${revision} of report ${reportId} was already sent back: it needs a new revision, not another signature.`,
      );
    }
    const next: SignedReport = { body: signed.body, signatures: [...signed.signatures, signature] };
    const result = verifyReport(next, await buildTrustList(store), {
      ed25519: nodeEd25519,
      sha256: nodeSha256,
    });
    const newIndex = signed.signatures.length;
    // Earlier signatures were verified on arrival; only this signature's problems count now.
    const problems = result.problems.filter(
      (p) => p.signature === newIndex || (p.signature === undefined && p.code !== 'no-trust-list'),
    );
    if (problems.length > 0 || result.status === undefined) {
      throw invalidReport(
        'The signature does not verify over the stored report.',
        problems.map((p) => `${p.code}: ${p.message}`),
      );
    }
    const receivedAt = nowIso(context);
    const appended = await store.appendSignature(
      {
        reportId,
        revision,
        index: newIndex,
        purpose: signature.statement.purpose,
        signerPublicKey: signature.statement.signer.publicKey,
        signedAt: signature.statement.signedAt,
        signatureJson: json,
        receivedAt,
        deviceId: principal.device.deviceId,
      },
      meta.signatureCount,
      REVIEW_STATE[result.status],
      // Notifications (a send-back): written in the append's transaction (hub/notifications).
      signatureNotices(meta, signature, newIndex, receivedAt),
    );
    if (appended) {
      return {
        status: 201,
        receipt: {
          ...receiptBase(meta),
          receivedAt,
          index: newIndex,
          reviewState: REVIEW_STATE[result.status],
          replay: false,
        },
      };
    }
  }
  throw new HubError(409, 'conflict', 'The report kept changing while signing: try again.');
}

function receiptBase(meta: { reportId: string; revision: number; reportHash: string }) {
  return { reportId: meta.reportId, revision: meta.revision, reportHash: meta.reportHash };
}
