// The app's one sync service over the app's database, and the hook the app shell calls to run it
// while the app is open (a profile exists). Pulled reports are kept by the review feature's import,
// the same path as a bundle a person opens.
import { useEffect } from 'react';
import { services } from '../app/services';
import { keepImportedReport } from '../features/review/import-report';
import { createSyncService } from './sync-service';

export const appSync = createSyncService({
  db: services.db,
  sharedRuns: services.sharedRuns,
  keepReport: (report) =>
    keepImportedReport(
      {
        verification: report.verification,
        signed: report.signed,
        attachments: report.attachments,
        problems: [],
      },
      'hub',
    ),
});

/** Runs sync while the calling component is mounted (the app shell, once there is a profile). */
export function useAppSync(isEnabled: boolean): void {
  useEffect(() => {
    if (!isEnabled) return;
    void appSync.load();
    appSync.start();
    return () => appSync.stop();
  }, [isEnabled]);
}
