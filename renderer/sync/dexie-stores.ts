// The sync engine's other stores over IndexedDB: bundles of this device's signed reports, the
// trust list, definitions pulled from the hub (validated by the definition repository, kept with
// source 'hub') and the reports pulled: a supervisor's or the head's to review, an administrator's
// own coming back countersigned or sent back (a sent-back run of this device opens again).
import type { TrustList } from '../../core/reports';
import type {
  DefinitionSink,
  HeldReport,
  PulledReport,
  ReportBundleSource,
  ReportInbox,
  TrustStore,
} from '../../core/sync';
import { reviewStateOf } from '../../core/sync';
import type { GoLiveDatabase } from '../storage/database';
import { createDefinitionRepository, definitionKey } from '../storage/definition-repository';
import { reopenRunIfSentBack } from '../storage/report-repository';
import { buildReportBundle } from './report-bundle';

export function createReportBundleSource(db: GoLiveDatabase): ReportBundleSource {
  return {
    async bundle(reportId, revision) {
      const row = await db.signedReports.get([reportId, revision]);
      if (!row) return undefined;
      return {
        bytes: await buildReportBundle(db, row, { signatures: 'sign-off' }),
        reportHash: row.reportHash,
      };
    },
  };
}

export function createTrustStore(db: GoLiveDatabase): TrustStore {
  return {
    async read(): Promise<TrustList | null> {
      const keys = await db.trustedKeys.toArray();
      return keys.length > 0 ? { format: 'go-live-trust-list', formatVersion: 1, keys } : null;
    },
    async replace(trust) {
      await db.transaction('rw', db.trustedKeys, async () => {
        await db.trustedKeys.clear();
        await db.trustedKeys.bulkPut(trust.keys);
      });
    },
  };
}

export function createDefinitionSink(db: GoLiveDatabase): DefinitionSink {
  const repository = createDefinitionRepository(db);
  return {
    async hashOf(id, version) {
      return (await db.definitions.get(definitionKey(id, version)))?.hash;
    },
    async add({ id, version, text }) {
      // The validator checks id and version against this path: the hub cannot list one definition
      // under another's name. importText never replaces a stored version.
      return db.transaction('rw', db.definitions, async () => {
        const result = await repository.importText(`hub/checklists/${id}/${version}.yaml`, text);
        if (!result.ok) {
          return {
            ok: false,
            problems: result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
          };
        }
        if (result.isNew) await db.definitions.update(result.row.key, { source: 'hub' });
        return { ok: true };
      });
    },
  };
}

/**
 * `keep` stores a pulled report (the review feature's import in the app). Then, when the report was
 * sent back and its run is on this device, the run opens again for a new revision at once: the
 * administrator sees it on the run and in the run list, and bad news does not wait for a click.
 */
export function createReportInbox(
  db: GoLiveDatabase,
  keep: (report: PulledReport) => Promise<void>,
  now: () => Date = () => new Date(),
): ReportInbox {
  return {
    async held(): Promise<HeldReport[]> {
      const rows = await db.signedReports.toArray();
      return rows.map((row) => ({
        reportId: row.reportId,
        revision: row.revision,
        reportHash: row.reportHash,
        reviewState: reviewStateOf(row.signed),
      }));
    },
    async keep(report) {
      await keep(report);
      if (reviewStateOf(report.signed) === 'sent-back') {
        await reopenRunIfSentBack(db, report.signed.body.reportId, now());
      }
    },
  };
}
