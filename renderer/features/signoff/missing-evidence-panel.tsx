// The sign-off dialog's list of evidence files whose bytes are not on this device (attached on
// other laptops of a shared run, not arrived yet): each with its name, size, item and who attached
// it, and "Not on this device" in words beside an icon (never colour alone). "Fetch them now" runs
// a sync; while it runs the evidence step's progress shows, and afterwards each file says what
// happened (fetched, not on the hub yet, sync failed, no hub). Presentational: the dialog feeds it.
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CheckCircle2, CloudDownload, CloudOff, RefreshCw } from 'lucide-react';
import { formatBytes } from '../../ui/format';
import type { FetchOutcome, MissingFile } from './missing-evidence';
import './signoff.css';

export interface MissingEvidenceRow {
  file: MissingFile;
  /** What the last fetch did for this file; absent before any fetch. */
  outcome?: FetchOutcome;
}

export interface MissingEvidencePanelProps {
  rows: readonly MissingEvidenceRow[];
  /** Distinct files still missing now. */
  missingCount: number;
  isFetching: boolean;
  /** The sync's evidence step while fetching, when it has begun. */
  progress: { done: number; total: number } | null;
  onFetch: () => void;
}

function OutcomeText({ row }: { row: MissingEvidenceRow }) {
  const { t } = useTranslation();
  const { outcome, file } = row;
  if (!outcome) {
    return (
      <span className="signoff-missing-state">
        <CloudDownload aria-hidden size={14} /> {t('signoff.missing.state')}
      </span>
    );
  }
  switch (outcome.kind) {
    case 'arrived':
      return (
        <span className="signoff-missing-state">
          <CheckCircle2 aria-hidden size={14} /> {t('signoff.missing.arrived')}
        </span>
      );
    case 'not-on-hub':
      return (
        <span className="signoff-missing-state">
          <CloudOff aria-hidden size={14} />{' '}
          {file.attachedBy === undefined
            ? t('signoff.missing.notOnHubUnknown')
            : t('signoff.missing.notOnHub', { name: file.attachedBy })}
        </span>
      );
    case 'failed':
      return (
        <span className="signoff-missing-state">
          <CloudOff aria-hidden size={14} />{' '}
          {t('signoff.missing.failed', { message: outcome.message })}
        </span>
      );
    case 'no-sync':
      return (
        <span className="signoff-missing-state">
          <CloudOff aria-hidden size={14} /> {t('signoff.missing.noSync')}
        </span>
      );
  }
}

export function MissingEvidencePanel({
  rows,
  missingCount,
  isFetching,
  progress,
  onFetch,
}: MissingEvidencePanelProps) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className="signoff-missing" aria-labelledby="signoff-missing-heading">
      <h3 id="signoff-missing-heading">
        <CloudOff aria-hidden size={16} />{' '}
        {missingCount > 0
          ? t('signoff.missing.heading', { count: missingCount })
          : t('signoff.missing.allArrived')}
      </h3>
      {missingCount > 0 && <p className="muted small">{t('signoff.missing.help')}</p>}
      <ul>
        {rows.map((row) => (
          <li key={`${row.file.itemId}:${row.file.ref.id}`}>
            <div className="signoff-missing-title">
              <strong>{row.file.ref.name}</strong>
              <span className="muted small">{formatBytes(row.file.ref.size)}</span>
            </div>
            <div className="small">
              {t('signoff.missing.item', { title: row.file.itemTitle })} ·{' '}
              {row.file.attachedBy === undefined
                ? t('signoff.missing.attachedElsewhere')
                : t('signoff.missing.attachedBy', { name: row.file.attachedBy })}
            </div>
            <div className="small">
              <OutcomeText row={row} />
            </div>
          </li>
        ))}
      </ul>
      {missingCount > 0 && (
        <div className="signoff-missing-fetch">
          <Button className="button" isDisabled={isFetching} onPress={onFetch}>
            <RefreshCw aria-hidden size={15} />{' '}
            {isFetching
              ? t('signoff.missing.fetching')
              : t('signoff.missing.fetch', { count: missingCount })}
          </Button>
          <span role="status" className="muted small">
            {isFetching && progress
              ? t('signoff.missing.progress', { done: progress.done, total: progress.total })
              : ''}
          </span>
        </div>
      )}
    </section>
  );
}
