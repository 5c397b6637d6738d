// Which requests are ingest (what devices push to the hub), for hub_ingest_duration_seconds: a
// report bundle, a progress snapshot, a review signature, a shared run's events. When adding a
// route that takes in what a device pushes, add it here.
import { PATHS } from '../../core/sync/wire-protocol';

export type IngestKind = 'report' | 'progress' | 'signature' | 'run-events';

const INGEST: ReadonlyMap<string, IngestKind> = new Map([
  [`POST ${PATHS.reports}`, 'report'],
  [`POST ${PATHS.progress}`, 'progress'],
  [`POST ${PATHS.reportSignatures}`, 'signature'],
  [`POST ${PATHS.runEvents}`, 'run-events'],
]);

/** The ingest kind of a request by its method and route template, or undefined. */
export function ingestOf(method: string, route: string): IngestKind | undefined {
  return INGEST.get(`${method} ${route}`);
}
