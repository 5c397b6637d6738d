// The run's header, always in view: the gate, progress, blockers, days to go-live and time
// against the estimate ("expect it to take twice as long").
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import { CalendarClock, Gauge, OctagonAlert, ShieldAlert, Timer } from 'lucide-react';
import { formatMinutes } from '../../../core/runs';
import type { RunView } from './use-run-view';
import { GateBadge } from './status-badges';
import { formatDay } from './dates';
import { GateWaiverHold } from '../waivers/gate-hold';

interface RunHeaderProps {
  view: RunView;
  integrityProblem?: string;
  /** Sign-off action or the signed report's panel. */
  actions?: ReactNode;
}

export function RunHeader({ view, integrityProblem, actions }: RunHeaderProps) {
  const { t, i18n } = useTranslation();
  const { run, definition, gate, progress } = view;
  const overall = progress.overall;
  const resolved = overall.done + overall.notApplicable;
  const days = progress.daysToGoLive;
  const date = formatDay(run.plannedGoLive, i18n.language);
  const goLive =
    days > 0
      ? t('runs.header.daysToGoLive', { count: days, date })
      : days === 0
        ? t('runs.header.goLiveToday', { date })
        : t('runs.header.goLivePassed', { count: -days, date });

  return (
    <header className="run-header">
      <div className="run-title">
        <h1 tabIndex={-1}>{run.name}</h1>
        <span className="muted">
          {t('runs.header.template', { title: definition.title, version: run.definitionVersion })}
        </span>
      </div>
      <div className="run-gate" aria-label={t('runs.gate.label')} role="status">
        <GateBadge decision={gate.decision} />
        {gate.reasons.length > 0 && (
          <span className="muted">
            {t('runs.header.gateReasons', { count: gate.reasons.length })}
          </span>
        )}
        <GateWaiverHold gate={gate} />
      </div>
      {actions && <div className="run-actions">{actions}</div>}
      <ProgressBar className="run-progress" value={overall.percentComplete}>
        <Label>
          {t('runs.header.progress', {
            resolved,
            total: overall.total,
            percent: overall.percentComplete,
          })}
        </Label>
        <div className="bar">
          <div className="fill" style={{ width: `${overall.percentComplete}%` }} />
        </div>
      </ProgressBar>
      <ul className="run-facts">
        <li className={gate.blockersRaised > 0 ? 'bad' : undefined}>
          <OctagonAlert aria-hidden size={15} />
          {gate.blockersRaised > 0
            ? t('runs.header.blockers', { count: gate.blockersRaised })
            : t('runs.header.noBlockers')}
        </li>
        <li className={days < 0 && gate.decision === 'no-go' ? 'bad' : undefined}>
          <CalendarClock aria-hidden size={15} />
          {goLive}
        </li>
        <li>
          <Timer aria-hidden size={15} />
          {t('runs.header.estimate', {
            remaining: formatMinutes(overall.remainingEstimateMinutes),
            doubled: formatMinutes(overall.remainingEstimateMinutes * 2),
          })}
        </li>
        <li>
          <Gauge aria-hidden size={15} />
          {overall.actualToEstimate === null
            ? t('runs.header.actualUnknown')
            : t('runs.header.actualRatio', { ratio: overall.actualToEstimate.toFixed(1) })}
        </li>
      </ul>
      {run.state === 'signed' && <p className="run-banner info">{t('runs.header.signedFrozen')}</p>}
      {integrityProblem && (
        <p className="run-banner bad" role="alert">
          <ShieldAlert aria-hidden size={16} />
          {t('runs.header.tampered', { detail: integrityProblem })}
        </p>
      )}
    </header>
  );
}
