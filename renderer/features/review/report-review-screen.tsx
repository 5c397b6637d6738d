// One report under review: verification first, then the facts, every item with its evidence,
// the lessons learned, and the supervisor's decision (countersign, or send back with comments).
// A decision is kept and queued for the hub in one transaction (reports.addSupervisorSignature),
// a sync starts at once, and where it stands with the hub shows under the signed-report panel.
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Label, TextArea, TextField } from 'react-aria-components';
import { CircleCheck, CircleX, Clock, Undo2 } from 'lucide-react';
import { countersign, sendBack, verifyReport } from '../../../core/reports';
import type { ReportItem, SignedReport } from '../../../core/reports/report-format';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { createDeviceSigner } from '../../bridge/device-signer';
import { appSync } from '../../sync/app-sync';
import { useProfile } from '../profile/use-profile';
import { GateBadge, StatusBadge } from '../runs/status-badges';
import { formatDateTime, formatDay } from '../runs/dates';
import { describeError } from '../sync/sync-text';
import { SignedReportPanel } from '../signoff/signed-report-panel';
import { useTrustList } from './use-trust-list';
import { VerificationSummary } from './verification-summary';
import { reportItemValue } from './report-item-value';
import { useEvidenceViewer } from '../evidence/evidence-viewer';
import './review.css';

export function ReportReviewScreen() {
  const { t } = useTranslation();
  const { reportId = '', revision = '1' } = useParams();
  const row = useLiveQuery(
    () => services.reports.get(reportId, Number(revision)),
    [reportId, revision],
  );
  const trust = useTrustList();
  const result = useMemo(
    () => (row && trust !== undefined ? verifyReport(JSON.parse(row.json), trust) : undefined),
    [row, trust],
  );
  if (row === undefined || result === undefined)
    return <div className="loading" aria-busy="true" />;
  const { body } = row.signed;
  const notIncluded = new Set(body.evidenceNotIncluded);
  return (
    <div className="screen report-review">
      <header className="screen-header">
        <div>
          <h1 tabIndex={-1}>{body.run.name}</h1>
          <p className="muted">
            {body.definition.title} {body.definition.version} · {body.run.office} ·{' '}
            {t('review.revisionOf', { revision: body.revision })} ·{' '}
            {t('review.goLive', { date: formatDay(body.run.plannedGoLive, 'en') })}
          </p>
        </div>
        <GateBadge decision={body.gate.decision} />
      </header>
      <VerificationSummary result={result} />
      <SignedReportPanel row={row} />
      <DecisionSyncState reportId={row.reportId} revision={row.revision} />
      {result.valid && result.status === 'signed-off' && (
        <DecisionPanel signed={row.signed} reportHash={row.reportHash} />
      )}
      <section className="panel" aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">{t('review.lessons')}</h2>
        <p className="preserve-lines">{body.lessonsLearned}</p>
      </section>
      {body.sections.map((section) => (
        <section key={section.id} className="panel review-section" aria-label={section.title}>
          <h2>{section.title}</h2>
          <table className="data-table compact">
            <tbody>
              {section.items.map((item) => (
                <ReviewItemRow key={item.id} item={item} notIncluded={notIncluded} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function ReviewItemRow({
  item,
  notIncluded,
}: {
  item: ReportItem;
  /** Format 5: files the report was signed without. */
  notIncluded: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const value = reportItemValue(item);
  return (
    <tr>
      <td className="nowrap">
        <StatusBadge status={item.status} />
      </td>
      <th scope="row">
        {item.title}
        <div className="muted small">
          <code>{item.id}</code>
        </div>
      </th>
      <td>
        {value && <div>{value}</div>}
        {item.failing && <div className="bad">{item.failure}</div>}
        {item.reason && (
          <div>
            {t('review.reason')}: {item.reason}
          </div>
        )}
        {item.waiver && (
          <div>
            {t('review.waiver')}: {item.waiver.justification} ({item.waiver.by.name})
          </div>
        )}
        {item.notes && <div className="muted preserve-lines">{item.notes}</div>}
        {item.attachments.length > 0 && <Evidence item={item} notIncluded={notIncluded} />}
      </td>
    </tr>
  );
}

function Evidence({ item, notIncluded }: { item: ReportItem; notIncluded: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const rows = useLiveQuery(
    () =>
      services.db.attachments
        .where('sha256')
        .anyOf(item.attachments.map((ref) => ref.sha256))
        .toArray(),
    [item],
  );
  // Shown in the app (photos) or saved (anything else): never opened in a window.
  const { open, viewer } = useEvidenceViewer();
  return (
    <ul className="review-evidence">
      {viewer}
      {item.attachments.map((ref) => {
        const stored = rows?.find((row) => row.sha256 === ref.sha256);
        return (
          <li key={ref.id}>
            {stored ? (
              <button type="button" className="link-button" onClick={() => open(stored)}>
                {ref.name}
              </button>
            ) : (
              <span>{ref.name}</span>
            )}{' '}
            <code className="muted small">{ref.sha256.slice(0, 12)}</code>
            {notIncluded.has(ref.sha256) && (
              <>
                {' '}
                <strong className="small">{t('review.notIncluded')}</strong>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function DecisionPanel({ signed, reportHash }: { signed: SignedReport; reportHash: string }) {
  const { t } = useTranslation();
  const profile = useProfile();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  if (!profile || profile.role !== 'supervisor') return null;

  const decide = async (kind: 'countersign' | 'send-back') => {
    setError(undefined);
    if (kind === 'send-back' && !comment.trim()) return setError(t('review.commentRequired'));
    setBusy(true);
    try {
      const signer = createDeviceSigner(bridge, profile);
      const now = new Date().toISOString();
      const next =
        kind === 'countersign'
          ? await countersign(signer, signed, now, comment.trim() || undefined)
          : await sendBack(signer, signed, now, comment.trim());
      await services.reports.addSupervisorSignature(next, reportHash);
      // The administrator should hear about it as soon as there is a network.
      void appSync.syncNow();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel decision-panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('review.decisionHeading')}</h2>
      <TextField className="field" value={comment} onChange={setComment}>
        <Label>{t('review.comment')}</Label>
        <TextArea rows={3} />
        <span className="muted small">{t('review.commentHelp')}</span>
      </TextField>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <Button
          className="button primary"
          isDisabled={isBusy}
          onPress={() => void decide('countersign')}
        >
          <CircleCheck aria-hidden size={15} /> {t('review.countersign')}
        </Button>
        <Button
          className="button danger"
          isDisabled={isBusy}
          onPress={() => void decide('send-back')}
        >
          <Undo2 aria-hidden size={15} /> {t('review.sendBack')}
        </Button>
      </div>
    </section>
  );
}

/** Where this device's decision on the report stands with the hub (its outbox entry), if any. */
function DecisionSyncState({ reportId, revision }: { reportId: string; revision: number }) {
  const { t, i18n } = useTranslation();
  const entry = useLiveQuery(async () => {
    const prefix = `${reportId}@${revision}#`;
    const rows = await services.db.outbox
      .where('kind')
      .equals('signature')
      .filter((row) => row.key.startsWith(prefix))
      .toArray();
    return rows.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))[0] ?? null;
  }, [reportId, revision]);
  if (!entry) return null;
  if (entry.state === 'sent') {
    const receivedAt = (JSON.parse(entry.receipt ?? '{}') as { receivedAt?: string }).receivedAt;
    return (
      <p role="status" className="ok-text decision-sync">
        <CircleCheck aria-hidden size={15} />{' '}
        {t('review.decisionSent', { time: formatDateTime(receivedAt, i18n.language) })}
      </p>
    );
  }
  if (entry.state === 'failed') {
    return (
      <p role="status" className="bad decision-sync">
        <CircleX aria-hidden size={15} />{' '}
        {t('review.decisionFailed', { reason: describeError(t, entry.lastError) })}
      </p>
    );
  }
  return (
    <p role="status" className="muted decision-sync">
      <Clock aria-hidden size={15} /> {t('review.decisionWaiting')}
    </p>
  );
}
