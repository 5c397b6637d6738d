// Shown on a signed run: who signed and when, the report fingerprint, the supervisor's verdict
// when it came back, and the exports (PDF for people, bundle for the supervisor's app). Also what a
// run shows once its report was sent back (sync reopens it: renderer/sync/dexie-stores.ts) and the
// review outcome badges of the run list. Styles: runs.css (.signed-panel), review.css (sent back).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { FileDown, Package, RotateCcw, Undo2 } from 'lucide-react';
import type { Signature } from '../../../core/reports/report-format';
import type { ReviewState } from '../../../core/sync';
import { reviewStateOf } from '../../../core/sync';
import type { SignedReportRow } from '../../storage/database';
import { services } from '../../app/services';
import { formatDateTime } from '../runs/dates';

export function SignedReportPanel({ row }: { row: SignedReportRow }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<'pdf' | 'bundle'>();
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string }>();
  const sendBack = row.signed.signatures.find(
    (signature) => signature.statement.purpose === 'send-back',
  );
  const countersign = row.signed.signatures.find(
    (signature) => signature.statement.purpose === 'countersign',
  );
  const signOff = row.signed.signatures[0];

  const run = async (kind: 'pdf' | 'bundle') => {
    setBusy(kind);
    setMessage(undefined);
    try {
      // The exports (pdf-lib, pdfmake, the bundle writer) load when first used, not with the run.
      const { exportReportBundle, exportReportPdf } = await import('./report-export');
      const result =
        kind === 'pdf' ? await exportReportPdf(row, i18n.language) : await exportReportBundle(row);
      if (result.saved)
        setMessage({ tone: 'ok', text: t('signoff.saved', { location: result.location ?? '' }) });
    } catch (error) {
      setMessage({ tone: 'bad', text: (error as Error).message });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="signed-panel" aria-label={t('signoff.signedHeading')}>
      <div>
        <strong>
          {t('signoff.signedBy', {
            name: signOff?.statement.signer.name ?? '',
            time: formatDateTime(signOff?.statement.signedAt, i18n.language),
          })}
        </strong>
        <span className="muted small">
          {' '}
          · {t('signoff.revision', { revision: row.revision })} · {t('signoff.fingerprint')}{' '}
          <code>{row.reportHash.slice(0, 16)}</code>
        </span>
        {countersign && (
          <p className="ok-text">
            {t('signoff.countersignedBy', { name: countersign.statement.signer.name })}
          </p>
        )}
        {sendBack && (
          <p className="bad">
            {t('signoff.sentBackBy', { name: sendBack.statement.signer.name })}:{' '}
            {sendBack.statement.comment}
          </p>
        )}
      </div>
      <div className="button-row">
        <Button className="button" onPress={() => void run('pdf')} isDisabled={busy !== undefined}>
          <FileDown aria-hidden size={15} />{' '}
          {busy === 'pdf' ? t('signoff.exporting') : t('signoff.exportPdf')}
        </Button>
        <Button
          className="button"
          onPress={() => void run('bundle')}
          isDisabled={busy !== undefined}
        >
          <Package aria-hidden size={15} />{' '}
          {busy === 'bundle' ? t('signoff.exporting') : t('signoff.exportBundle')}
        </Button>
        {sendBack && row.runId && (
          <Button
            className="button primary"
            onPress={() => void services.reports.reopenIfSentBack(row.reportId)}
          >
            <RotateCcw aria-hidden size={15} /> {t('signoff.reopen')}
          </Button>
        )}
      </div>
      {message && (
        <p role="status" className={message.tone === 'ok' ? 'ok-text' : 'bad'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

function sendBackOf(row: SignedReportRow | undefined): Signature | undefined {
  return row?.signed.signatures.find((signature) => signature.statement.purpose === 'send-back');
}

/**
 * On a run in progress whose latest report was sent back: who sent it back, why, and what comes
 * next, beside the run's own action (`children`: the sign-off button). Only the action otherwise.
 */
export function SentBackNotice({
  row,
  children,
}: {
  row: SignedReportRow | undefined;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const sendBack = sendBackOf(row);
  if (!row || !sendBack) return <>{children}</>;
  return (
    <section className="signed-panel sent-back-panel" aria-label={t('signoff.sentBackHeading')}>
      <div>
        <strong className="bad">
          <Undo2 aria-hidden size={15} />{' '}
          {t('signoff.sentBackBy', { name: sendBack.statement.signer.name })}:{' '}
          {sendBack.statement.comment}
        </strong>
        <p className="muted small">
          {t('signoff.sentBackNext', {
            revision: row.revision,
            next: row.revision + 1,
            time: formatDateTime(sendBack.statement.signedAt, i18n.language),
          })}
        </p>
      </div>
      <div className="button-row">{children}</div>
    </section>
  );
}

/** The review outcome of each run's latest report on this device, by run id (signed: absent). */
export function useRunReviewStates(): Map<string, Exclude<ReviewState, 'signed'>> | undefined {
  return useLiveQuery(async () => {
    const rows = await services.db.signedReports.toArray();
    const latest = new Map<string, SignedReportRow>();
    for (const row of rows) {
      if (row.runId === undefined) continue;
      const held = latest.get(row.runId);
      if (!held || held.revision < row.revision) latest.set(row.runId, row);
    }
    const states = new Map<string, Exclude<ReviewState, 'signed'>>();
    for (const [runId, row] of latest) {
      const state = reviewStateOf(row.signed);
      if (state !== 'signed') states.set(runId, state);
    }
    return states;
  }, []);
}

/** "Countersigned" or "Sent back", for the run list; nothing before a supervisor answered. */
export function ReviewStateBadge({ state }: { state: ReviewState | undefined }) {
  const { t } = useTranslation();
  if (state === undefined || state === 'signed') return null;
  return (
    <span className={`badge review-state-${state}`}>
      {state === 'sent-back' && <Undo2 aria-hidden size={12} />}
      {t(`signoff.reviewState.${state}`)}
    </span>
  );
}
