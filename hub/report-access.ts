// One answer for "the hub holds no such report revision" and "it is not yours to see": a caller who
// may not see a report learns nothing about it, not even that it exists, on every route that takes
// a report id (reading a bundle, countersigning, sending back). Decided on the stored metadata
// alone, before any bundle is loaded, so the two cases also take the same time.
import type { HubStore, ReportMeta } from './store/hub-store';
import { notFound } from './hub-error';

export function noSuchRevision(reportId: string, revision: number) {
  return notFound(`The hub has no revision ${revision} of report ${reportId} that you may see.`);
}

/** The revision's metadata when it exists and `mayAccess` its office; 404 otherwise. */
export async function accessibleRevision(
  store: HubStore,
  reportId: string,
  revision: number,
  mayAccess: (office: string) => boolean,
): Promise<ReportMeta> {
  const meta = (await store.reportRevisions(reportId)).find((r) => r.revision === revision);
  if (!meta || !mayAccess(meta.office)) throw noSuchRevision(reportId, revision);
  return meta;
}
