// The verifier's checks of waiver decisions (core/runs/waiver-decision.ts: four eyes): each
// decision on a report's item must be a valid signed answer to that very request by a second
// person, and the trust list must know its key as a supervisor of the report's office, not revoked
// when it signed. A format-3 gate lists a waiver only with its approval. Without a trust list the
// keys cannot be vouched for (verify.ts already makes such a report invalid).
import { waiverDecisionProblem } from '../runs/waiver-decision';
import type { Ed25519Verifier } from './ed25519-verifier';
import type { ReportBody, TrustList } from './report-format';
import { findTrustedKey } from './trust-list';
import type { ReportProblem } from './verify-result';

export function checkWaiverDecisions(
  body: ReportBody,
  trust: TrustList | null,
  ed25519: Ed25519Verifier,
): ReportProblem[] {
  if (body.formatVersion < 3) return [];
  const problems: ReportProblem[] = [];
  body.sections.forEach((section, sectionIndex) =>
    section.items.forEach((item, itemIndex) => {
      const waiver = item.waiver;
      const decision = waiver?.decision;
      if (!waiver || !decision) return;
      const path = `body.sections[${sectionIndex}].items[${itemIndex}].waiver.decision`;
      const add = (code: ReportProblem['code'], why: string) =>
        problems.push({ code, path, message: `${path}: the waiver of "${item.title}": ${why}` });
      const invalid = waiverDecisionProblem(decision, {
        runId: body.run.id,
        itemId: item.id,
        waiver,
        decider: decision.by,
        ed25519,
      });
      if (invalid) {
        add('waiver-decision-invalid', invalid);
        return;
      }
      if (!trust) return;
      const { publicKey, name, signedAt } = { ...decision.statement.signer, ...decision.statement };
      const key = findTrustedKey(trust, publicKey);
      if (!key || key.role !== 'supervisor' || !(key.supervises ?? []).includes(body.run.office)) {
        add(
          'waiver-key-untrusted',
          `${name}'s key is not on the trust list as a supervisor of ${body.run.office}.`,
        );
        return;
      }
      if (key.revokedAt !== undefined && Date.parse(key.revokedAt) <= Date.parse(signedAt)) {
        add('waiver-key-untrusted', `${name}'s key was revoked before the decision was signed.`);
      }
    }),
  );
  body.gate.waivers.forEach((waiver, index) => {
    if (waiver.approvedBy !== undefined && waiver.approvedAt !== undefined) return;
    const path = `body.gate.waivers[${index}]`;
    problems.push({
      code: 'waiver-decision-invalid',
      path,
      message: `${path}: the waiver of "${waiver.title}" counts toward GO without a supervisor's approval.`,
    });
  });
  return problems;
}
