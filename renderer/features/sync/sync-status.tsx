// The status bar's sync items, always visible: how many reports (and supervisors' decisions on
// reports, and runs' progress such as a blocker just raised) wait for the hub and when the last
// successful sync was (or that no hub is connected). Icon and word, never colour alone; the queue
// item links to the Sync screen.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CloudCheck, CloudOff, CloudUpload, History, LoaderCircle } from 'lucide-react';
import { formatDateTime } from '../runs/dates';
import { useSyncStore } from '../../sync/use-sync-store';
import { useHubConnection, useReportQueueLength } from './use-outbox-view';
import './sync.css';

export function SyncStatus() {
  const { t, i18n } = useTranslation();
  const queue = useReportQueueLength();
  const connection = useHubConnection();
  const lastSuccessAt = useSyncStore((state) => state.lastSuccessAt);
  const isRunning = useSyncStore((state) => state.isRunning);
  if (queue === undefined || connection === undefined) return null;
  const waiting = [
    queue.reports > 0 ? t('sync.status.queue', { count: queue.reports }) : undefined,
    queue.decisions > 0 ? t('sync.status.decisions', { count: queue.decisions }) : undefined,
    // A run's progress matters only where there is a hub to send it to.
    connection !== null && queue.runs > 0
      ? t('sync.status.progress', { count: queue.runs })
      : undefined,
  ].filter((text) => text !== undefined);
  return (
    <>
      <Link to="/sync" className="status-item status-link" data-testid="sync-queue">
        {waiting.length > 0 ? (
          <CloudUpload aria-hidden size={14} className="warn" />
        ) : (
          <CloudCheck aria-hidden size={14} className="ok" />
        )}
        {waiting.length > 0 ? waiting.join(' · ') : t('sync.status.nothingWaits')}
      </Link>
      <span className="status-item" data-testid="sync-last">
        {connection === null ? (
          <>
            <CloudOff aria-hidden size={14} /> {t('sync.status.notConnected')}
          </>
        ) : isRunning ? (
          <>
            <LoaderCircle aria-hidden size={14} className="spin" /> {t('sync.status.syncing')}
          </>
        ) : (
          <>
            <History aria-hidden size={14} />{' '}
            {lastSuccessAt
              ? t('sync.status.lastSync', { time: formatDateTime(lastSuccessAt, i18n.language) })
              : t('sync.status.neverSynced')}
          </>
        )}
      </span>
    </>
  );
}
