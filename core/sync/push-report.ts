// Pushing one report revision: its bundle, then the hub's receipt checked against it.
// Rule 2 of exactly once (sync-engine.ts): the same revision always travels as the same bytes
// (encodeBundle is deterministic), so a retry is a replay, never a conflict.
import type { Attempt } from './attempts';
import { BAD_RECEIPT, classifyFailure, isStored, sent, unanswered } from './attempts';
import type { CycleContext } from './cycle-context';
import type { OutboxEntry } from './outbox';
import { parseReportOutboxKey } from './outbox';
import { readReportReceipt } from './receipts';
import type { ReportBundleSource } from './sync-stores';
import { ENGINE_ERRORS } from './sync-types';
import { TransportError } from './transport';
import { PATHS } from './wire-protocol';

export async function pushReport(
  ctx: CycleContext,
  reports: ReportBundleSource,
  entry: OutboxEntry,
): Promise<Attempt> {
  const id = parseReportOutboxKey(entry.key);
  const local = id && (await reports.bundle(id.reportId, id.revision));
  if (!id || !local) return { kind: 'failed', message: ENGINE_ERRORS.missingReport };
  const { config } = ctx;
  const megabytes = local.bytes.length / (1024 * 1024);
  const response = await ctx.send({
    method: 'POST',
    path: PATHS.reports,
    body: local.bytes,
    contentType: 'application/zip',
    timeoutMs: config.requestTimeoutMs + Math.ceil(megabytes * config.bundleMsPerMegabyte),
  });
  if (response instanceof TransportError) return unanswered(response);
  if (!isStored(response)) return classifyFailure(response, ctx.clock());
  const receipt = readReportReceipt(response);
  if (!receipt || receipt.reportId !== id.reportId || receipt.revision !== id.revision) {
    return BAD_RECEIPT;
  }
  if (receipt.reportHash !== local.reportHash) {
    // Cannot happen with an honest hub (it verifies the hash it stores); never call it delivered.
    return {
      kind: 'failed',
      message: `The hub holds this revision with report hash ${receipt.reportHash}; this device signed ${local.reportHash}.`,
    };
  }
  return sent(receipt);
}
