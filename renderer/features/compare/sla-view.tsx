// SLA control for client onboarding (seed 001): per client, the target against the measured time
// for each metric and priority, judged met, breached or missing, always as an icon and a word.
import { useTranslation } from 'react-i18next';
import { CircleCheck, CircleHelp, CircleX, CircleDashed, type LucideIcon } from 'lucide-react';
import type { SlaCell, SlaClientRow, SlaFigure, SlaState } from '../../../core/compare';
import { SLA_METRICS, SLA_PRIORITIES } from '../../../core/compare';

const STATE_ICONS: Record<SlaState, LucideIcon> = {
  met: CircleCheck,
  breached: CircleX,
  missing: CircleDashed,
  incomparable: CircleHelp,
};

function SlaBadge({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  const Icon = STATE_ICONS[state];
  return (
    <span className={`badge sla-${state}`}>
      <Icon aria-hidden size={14} />
      {t(`compare.sla.state.${state}`)}
    </span>
  );
}

function figureText(figure: SlaFigure | null): string {
  if (figure === null || figure.value === null) return '—';
  return figure.unit ? `${figure.value} ${figure.unit}` : String(figure.value);
}

export function SlaView({ rows }: { rows: readonly SlaClientRow[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('compare.sla.empty')}</p>;
  return (
    <div className="sla-clients">
      {rows.map((row) => {
        const cellOf = (metric: string, priority: string): SlaCell | undefined =>
          row.cells.find((cell) => cell.metric === metric && cell.priority === priority);
        return (
          <section key={row.runId} className="panel" aria-label={row.client}>
            <h3>
              {row.client}{' '}
              <span className="muted-inline">
                {row.office} · {row.definitionId}{' '}
                {t('compare.version', { version: row.definitionVersion })}
              </span>
            </h3>
            <p className="muted">
              {t('compare.sla.counts', {
                met: row.met,
                breached: row.breached,
                missing: row.missing,
              })}
              {!row.hasDefinition && ` ${t('compare.sla.noDefinition')}`}
            </p>
            <div className="table-scroll">
              <table className="data-table compact sla-table">
                <thead>
                  <tr>
                    <th scope="col">{t('compare.sla.priority')}</th>
                    {SLA_METRICS.map((metric) => (
                      <th key={metric} scope="col" colSpan={3}>
                        {t(`compare.sla.metric.${metric}`)}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{t('compare.sla.priority')}</span>
                    </th>
                    {SLA_METRICS.flatMap((metric) => [
                      <th key={`${metric}-t`} scope="col">
                        {t('compare.sla.target')}
                      </th>,
                      <th key={`${metric}-m`} scope="col">
                        {t('compare.sla.measured')}
                      </th>,
                      <th key={`${metric}-s`} scope="col">
                        {t('compare.sla.result')}
                      </th>,
                    ])}
                  </tr>
                </thead>
                <tbody>
                  {SLA_PRIORITIES.map((priority) => (
                    <tr key={priority}>
                      <th scope="row">{priority}</th>
                      {SLA_METRICS.flatMap((metric) => {
                        const cell = cellOf(metric, priority);
                        return [
                          <td key={`${metric}-t`}>{figureText(cell?.target ?? null)}</td>,
                          <td key={`${metric}-m`}>{figureText(cell?.measured ?? null)}</td>,
                          <td key={`${metric}-s`}>
                            <SlaBadge state={cell?.state ?? 'missing'} />
                          </td>,
                        ];
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
