// "Never work without insurance": export all local data (runs, answers, events, evidence,
// templates, profile) to one file, and restore it on another machine. A restore checks the whole
// file first and never overwrites newer data silently: what it skipped, and why, is listed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ArchiveRestore, Download } from 'lucide-react';
import { bridge } from '../../bridge/bridge';
import { services } from '../../app/services';
import {
  backupFileName,
  exportBackup,
  restoreBackup,
  BackupRefusedError,
  type RestoreReport,
} from '../../storage/backup';

type Outcome =
  | { kind: 'saved'; location?: string }
  | { kind: 'restored'; report: RestoreReport }
  | { kind: 'error'; message: string; reasons?: string[] };

export function BackupPanel() {
  const { t } = useTranslation();
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const run = async (task: () => Promise<Outcome | undefined>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await task());
    } catch (error) {
      setOutcome({
        kind: 'error',
        message: (error as Error).message,
        reasons: error instanceof BackupRefusedError ? error.reasons : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  const backUp = () =>
    run(async () => {
      const blob = await exportBackup(services.db);
      const result = await bridge.saveFile({
        suggestedName: backupFileName(),
        mimeType: 'application/zip',
        data: new Uint8Array(await blob.arrayBuffer()),
      });
      return result.saved ? { kind: 'saved', location: result.location } : undefined;
    });

  const restore = () =>
    run(async () => {
      const file = await bridge.openFile({ title: t('backup.restoreTitle'), extensions: ['zip'] });
      if (!file) return undefined;
      const report = await restoreBackup(
        services.db,
        new Blob([file.data as Uint8Array<ArrayBuffer>]),
      );
      return { kind: 'restored', report };
    });

  return (
    <section className="panel" aria-labelledby="settings-backup">
      <h2 id="settings-backup">{t('backup.title')}</h2>
      <p className="muted">{t('backup.intro')}</p>
      <div className="button-row">
        <Button className="button" onPress={() => void backUp()} isDisabled={isBusy}>
          <Download aria-hidden size={15} /> {t('backup.export')}
        </Button>
        <Button className="button" onPress={() => void restore()} isDisabled={isBusy}>
          <ArchiveRestore aria-hidden size={15} /> {t('backup.restore')}
        </Button>
      </div>
      {isBusy && (
        <p role="status" className="muted">
          {t('backup.working')}
        </p>
      )}
      {outcome && <OutcomeMessage outcome={outcome} />}
    </section>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'saved') {
    return (
      <p role="status" className="ok-text">
        {t('backup.saved', { location: outcome.location ?? '' })}
      </p>
    );
  }
  if (outcome.kind === 'error') {
    return (
      <div role="alert" className="form-error">
        <p>{outcome.message}</p>
      </div>
    );
  }
  const { report } = outcome;
  return (
    <div role="status" className="restore-report">
      <p className="ok-text">
        {t('backup.restored', {
          runs: report.restoredRuns.length,
          definitions: report.definitionsAdded,
          attachments: report.attachments,
          reports: report.signedReportsRestored,
          keys: report.trustedKeysAdded,
        })}
      </p>
      {report.skipped.length > 0 && (
        <>
          <p>{t('backup.skipped', { count: report.skipped.length })}</p>
          <ul>
            {report.skipped.map((skip) => (
              <li key={skip.runId}>
                <strong>{skip.name}</strong>: {skip.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.conflicts.length > 0 && (
        <>
          <p>{t('backup.conflicts', { count: report.conflicts.length })}</p>
          <ul>
            {report.conflicts.map((conflict) => (
              <li key={conflict.what}>
                <strong>{conflict.what}</strong>: {conflict.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
