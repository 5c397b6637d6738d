// The second copy of signed reports, in the desktop app: once per app start, restore what IndexedDB
// lost (reconcile-mirror.ts) and tell the user, then keep mirroring every signed revision
// (mirror-signed-reports.ts). Web mode keeps no second copy and does nothing here.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { watchSignedReports, type MirrorWatcher } from './mirror-signed-reports';
import { reconcileMirror, type ReconcileOutcome } from './reconcile-mirror';
import { useDesktopStore, type DesktopNotice } from './use-desktop-store';

type Notify = (tone: DesktopNotice['tone'], text: string) => void;

/** The notices an outcome deserves: one for what came back, one per damaged copy. */
export function reconcileNotices(outcome: ReconcileOutcome, t: TFunction): Parameters<Notify>[] {
  const notices: Parameters<Notify>[] = [];
  if (outcome.restored.length > 0) {
    const names = outcome.restored
      .map((report) => `${report.name} (r${report.revision})`)
      .join(', ');
    const missing = outcome.restored.reduce((sum, report) => sum + report.missingEvidence, 0);
    const text = [
      t('desktop.mirror.restored', { count: outcome.restored.length, names }),
      t('desktop.mirror.restoredWhy'),
      ...(missing > 0 ? [t('desktop.mirror.missingEvidence', { count: missing })] : []),
    ].join(' ');
    notices.push([missing > 0 ? 'bad' : 'ok', text]);
  }
  for (const copy of outcome.damaged) {
    const text = `${t('desktop.mirror.damaged', {
      report: copy.reportId,
      revision: copy.revision,
      reason: copy.reason,
    })} ${t('desktop.mirror.damagedWhere')}`;
    notices.push(['bad', text]);
  }
  return notices;
}

// Once per page load, whatever React does with effects (StrictMode runs them twice).
let started: Promise<MirrorWatcher | null> | undefined;

async function start(notify: Notify, t: TFunction): Promise<MirrorWatcher | null> {
  const info = await bridge.getInfo();
  if (info.runtime !== 'desktop') return null;
  const outcome = await reconcileMirror({ db: services.db, bridge });
  for (const [tone, text] of reconcileNotices(outcome, t)) notify(tone, text);
  return watchSignedReports(services.db, bridge, outcome.kept, (row, error) =>
    notify(
      'bad',
      t('desktop.mirror.mirrorFailed', {
        report: row.signed.body.run.name,
        revision: row.revision,
        reason: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
}

export function useReportMirror(): void {
  const { t } = useTranslation();
  const notify = useDesktopStore((state) => state.notify);
  useEffect(() => {
    started ??= start(notify, t).catch((error: unknown) => {
      console.error('the desktop copy of signed reports could not start', error);
      return null;
    });
    // Runs for the app's lifetime: the shell is never unmounted while the page lives.
  }, [notify, t]);
}
