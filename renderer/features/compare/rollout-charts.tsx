// The two charts under the rollouts table: progress over time per rollout (the hub's snapshot
// history, down-sampled by progressTrends) and open blockers by department. Each has a heading, an
// aria-label summary on the chart and its figures as a table behind a toggle, so nothing is only
// in the picture. Series colours come from a fixed palette; the legend and the table name them.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DepartmentBlockers, TrendSeries } from '../../../core/compare';
import { formatDateTime } from '../runs/dates';
import { formatTick, timeTicks } from './time-ticks';

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
];

function ChartFrame({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: React.ReactNode;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel compare-chart" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="muted compare-chart-summary">{summary}</p>
      <div role="img" aria-label={summary} className="compare-chart-canvas">
        {children}
      </div>
      <details className="compare-chart-data">
        <summary>{t('compare.charts.showData')}</summary>
        {table}
      </details>
    </section>
  );
}

export function ProgressTrendChart({ series }: { series: readonly TrendSeries[] }) {
  const { t, i18n } = useTranslation();
  const label = (s: TrendSeries) => `${s.office} · ${s.runName}`;
  const latest = series.map((s) => ({ s, last: s.points.at(-1)?.percentComplete ?? 0 }));
  const summary =
    series.length === 0
      ? t('compare.charts.trendEmpty')
      : t('compare.charts.trendSummary', {
          count: series.length,
          list: latest.map(({ s, last }) => `${s.office} ${last}%`).join(', '),
        });
  const times = series.flatMap((s) => s.points.map((point) => Date.parse(point.takenAt)));
  const axis =
    times.length > 0 ? timeTicks(Math.min(...times), Math.max(...times)) : timeTicks(0, 0);
  const tickDate = (value: number) => formatTick(value, axis.unit, i18n.language);
  return (
    <ChartFrame
      title={t('compare.charts.trendTitle')}
      summary={summary}
      table={
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('compare.columns.office')}</th>
              <th scope="col">{t('compare.charts.takenAt')}</th>
              <th scope="col" className="num">
                {t('compare.columns.progress')}
              </th>
            </tr>
          </thead>
          <tbody>
            {series.flatMap((s) =>
              s.points.map((point) => (
                <tr key={`${s.runId}-${point.takenAt}`}>
                  <th scope="row">{label(s)}</th>
                  <td>{formatDateTime(point.takenAt, i18n.language)}</td>
                  <td className="num">{point.percentComplete}%</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            ticks={axis.ticks}
            tickFormatter={tickDate}
            stroke="var(--muted)"
            fontSize={12}
            allowDuplicatedCategory={false}
          />
          <YAxis domain={[0, 100]} unit="%" stroke="var(--muted)" fontSize={12} width={44} />
          <Tooltip
            labelFormatter={(value) =>
              formatDateTime(new Date(Number(value)).toISOString(), i18n.language)
            }
            formatter={(value) => `${String(value)}%`}
            contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, index) => (
            <Line
              key={s.runId}
              data={s.points.map((point) => ({
                time: Date.parse(point.takenAt),
                percent: point.percentComplete,
              }))}
              dataKey="percent"
              name={label(s)}
              stroke={PALETTE[index % PALETTE.length]}
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function BlockersChart({ departments }: { departments: readonly DepartmentBlockers[] }) {
  const { t } = useTranslation();
  const summary =
    departments.length === 0
      ? t('compare.charts.blockersEmpty')
      : t('compare.charts.blockersSummary', {
          list: departments.map((d) => `${d.title} ${d.count}`).join(', '),
        });
  return (
    <ChartFrame
      title={t('compare.charts.blockersTitle')}
      summary={summary}
      table={
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('compare.charts.department')}</th>
              <th scope="col" className="num">
                {t('compare.columns.blockers')}
              </th>
              <th scope="col">{t('compare.charts.where')}</th>
              <th scope="col">{t('compare.charts.items')}</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.department}>
                <th scope="row">{d.title}</th>
                <td className="num">{d.count}</td>
                <td>{d.offices.map((o) => `${o.office} (${o.count})`).join(', ')}</td>
                <td>{d.items.map((i) => `${i.title} (${i.count})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {departments.length > 0 && (
        <ResponsiveContainer width="100%" height={Math.max(120, departments.length * 36 + 40)}>
          <BarChart
            layout="vertical"
            data={departments.map((d) => ({ name: d.title, count: d.count }))}
            margin={{ top: 8, right: 24, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} stroke="var(--muted)" fontSize={12} />
            <YAxis type="category" dataKey="name" width={150} stroke="var(--muted)" fontSize={12} />
            <Tooltip
              contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }}
            />
            <Bar
              dataKey="count"
              name={t('compare.columns.blockers')}
              fill="var(--bad)"
              isAnimationActive={false}
              label={{ position: 'right', fill: 'var(--text)', fontSize: 12 }}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
