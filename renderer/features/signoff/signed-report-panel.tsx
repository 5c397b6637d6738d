// Shown on a signed run: who signed and when, the report fingerprint, the supervisor's verdict
// when it came back, and the exports (PDF for people, bundle for the supervisor's app).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { FileDown, Package, RotateCcw } from 'lucide-react';
import type { SignedReportRow } from '../../storage/database';
import { services } from '../../app/services';
import { formatDateTime } from '../runs/dates';
import { exportReportBundle, exportReportPdf } from './report-export';

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
