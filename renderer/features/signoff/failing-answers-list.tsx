// The failing answers of a run, named before the signature (issue 16: a failing answer must never
// pass unnoticed): each with its failure, its severity and what was decided about it (marked done
// anyway with a reason, waived, or still open). Fed by the gate's `failing` list (core/runs/gate.ts).
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';
import type { GateFailing } from '../../../core/runs';
import { failureText } from '../runs/failure-text';
import { SeverityBadge } from '../runs/status-badges';
import './signoff.css';

export function FailingAnswersList({ failing }: { failing: readonly GateFailing[] }) {
  const { t } = useTranslation();
  if (failing.length === 0) return null;
  return (
    <section className="signoff-failing" aria-labelledby="signoff-failing-heading">
      <h3 id="signoff-failing-heading">
        <TriangleAlert aria-hidden size={16} />{' '}
        {t('signoff.failing.heading', { count: failing.length })}
      </h3>
      <p className="muted small">{t('signoff.failing.help')}</p>
      <ul>
        {failing.map((entry) => (
          <li key={entry.itemId}>
            <div className="signoff-failing-title">
              <strong>{entry.title}</strong> <SeverityBadge severity={entry.severity} />
            </div>
            <div>{failureText(t, entry.failureDetail)}</div>
            <div className="muted small">{decision(entry, t)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function decision(entry: GateFailing, t: ReturnType<typeof useTranslation>['t']): string {
  if (entry.isWaived) return t('signoff.failing.waived');
  if (entry.accepted) {
    return t('signoff.failing.accepted', {
      name: entry.accepted.by.name,
      reason: entry.accepted.reason,
    });
  }
  if (entry.status === 'done') return t('signoff.failing.doneUnacknowledged');
  return t('signoff.failing.state', { status: t(`runs.status.${entry.status}`) });
}
