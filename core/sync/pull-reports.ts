// Pulling the reports this device may read and does not hold as listed (new, or with another
// review state). Every role pulls (GET /v1/reports is scoped by the hub): supervisors and the
// head to review and compare, administrators to get their own office's reports back
// countersigned or sent back (the app reopens a sent-back run: renderer/sync/dexie-stores.ts).
// A bundle is kept only when it verifies against the trust list and carries the hash the hub
// listed; a held revision is never replaced by one with another report hash.
import type { SignedReport, TrustList } from '../reports/index';
import { decodeBundle, verifyReport } from '../reports/index';
import type { CycleContext } from './cycle-context';
import type { HeldReport, ReportInbox } from './sync-stores';
import { readJson } from './transport';
import type { ReportListEntry } from './wire-protocol';
import { PATHS, REPORT_HASH_HEADER, pathOf } from './wire-protocol';

const keyOf = (report: { reportId: string; revision: number }) =>
  `${report.reportId}@${report.revision}`;

export async function pullReports(
  ctx: CycleContext,
  inbox: ReportInbox,
  trust: TrustList | null,
): Promise<void> {
  const response = await ctx.get(PATHS.reports);
  const list = response && (readJson(response) as { reports?: unknown } | undefined)?.reports;
  if (!Array.isArray(list)) return;
  const held = await inbox.held();
  const byKey = new Map<string, HeldReport>(held.map((r) => [keyOf(r), r]));
  const wanted = (list as ReportListEntry[]).filter((entry) => {
    if (typeof entry?.reportId !== 'string' || typeof entry.revision !== 'number') return false;
    const mine = byKey.get(keyOf(entry));
    return !mine || mine.reportHash !== entry.reportHash || mine.reviewState !== entry.reviewState;
  });
  let done = 0;
  ctx.progress('reports', 0, wanted.length);
  for (const entry of wanted) {
    const mine = byKey.get(keyOf(entry));
    if (mine && mine.reportHash !== entry.reportHash) {
      ctx.result.problems.push(
        `${nameOf(entry)}: the hub's copy has another report hash than the one here; not replaced.`,
      );
    } else {
      await pullReport(ctx, inbox, trust, held, entry);
    }
    ctx.progress('reports', ++done, wanted.length);
  }
}

function nameOf(entry: ReportListEntry): string {
  return `${entry.runName} (${entry.office}), revision ${entry.revision}`;
}

/** One listed revision: fetched, checked, kept when it verifies (or a problem said why not). */
async function pullReport(
  ctx: CycleContext,
  inbox: ReportInbox,
  trust: TrustList | null,
  held: readonly HeldReport[],
  entry: ReportListEntry,
): Promise<void> {
  const { result } = ctx;
  const name = nameOf(entry);
  const bundle = await ctx.get(
    pathOf(PATHS.report, { reportId: entry.reportId, revision: entry.revision }),
  );
  if (!bundle) return;
  const decoded = decodeBundle(bundle.body);
  const earlier = held.filter((r) => r.reportId === entry.reportId && r.revision < entry.revision);
  const verification = decoded.ok
    ? verifyReport(decoded.signed, trust, { knownRevisions: earlier })
    : undefined;
  const headerHash = bundle.header(REPORT_HASH_HEADER);
  if (!decoded.ok || !verification) {
    result.problems.push(
      `${name}: the bundle cannot be read (${decoded.problems[0]?.message ?? '?'}).`,
    );
  } else if (!verification.valid || verification.reportHash !== entry.reportHash) {
    const why = verification.problems
      .slice(0, 3)
      .map((p) => p.message)
      .join('; ');
    result.problems.push(`${name} does not verify: ${why || 'its hash is not the one listed'}`);
  } else if (headerHash !== null && headerHash !== entry.reportHash) {
    result.problems.push(`${name}: the hub sent another report hash than it listed.`);
  } else {
    await inbox.keep({
      signed: decoded.signed as SignedReport,
      reportHash: entry.reportHash,
      attachments: decoded.attachments,
      verification,
    });
    result.pulled.reports.push(keyOf(entry));
  }
}
