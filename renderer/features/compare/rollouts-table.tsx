// The heart of Compare: one row per rollout (an office's or a client's run) with its template
// version, progress, gate, open blockers, planned against expected go-live, time against estimate
// and sign-off state. Column headers sort (buttons; the header cell carries aria-sort). A rollout
// with a signed report opens it in Review (the office name is the link; the whole row is a click
// target for the mouse too). The table fits a 1366 px window: planned and expected go-live share a
// column, the template shows its name, the run's name only when it says more than the office, and
// the expected date says how it was projected (work left, the pace applied and where it comes from).
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import {
  ArrowDown,
  ArrowUp,
  ArrowUpDown,
  CalendarCheck,
  CalendarClock,
  CircleCheck,
  FileSignature,
  Hourglass,
  OctagonAlert,
  Undo2,
  type LucideIcon,
} from 'lucide-react';
import type {
  RolloutRow,
  RolloutSortKey,
  SignOffState,
  SortDirection,
} from '../../../core/compare';
import { GateBadge } from '../runs/status-badges';
import { formatDay } from '../runs/dates';

export interface RolloutSort {
  key: RolloutSortKey;
  direction: SortDirection;
}

const COLUMNS: { key: RolloutSortKey; label: string; className?: string }[] = [
  { key: 'office', label: 'office' },
  { key: 'definitionVersion', label: 'template' },
  { key: 'percentComplete', label: 'progress' },
  { key: 'blockerCount', label: 'blockers', className: 'num' },
  { key: 'daysLate', label: 'goLive' },
  { key: 'actualToEstimate', label: 'ratio', className: 'num' },
  { key: 'signOff', label: 'signOff' },
];

const SIGN_OFF_ICONS: Record<SignOffState, LucideIcon> = {
  'in-progress': Hourglass,
  'sent-back': Undo2,
  signed: FileSignature,
  countersigned: CircleCheck,
};

export function SignOffBadge({ state }: { state: SignOffState }) {
  const { t } = useTranslation();
  const Icon = SIGN_OFF_ICONS[state];
  return (
    <span className={`badge compare-signoff signoff-${state}`}>
      <Icon aria-hidden size={15} />
      {t(`compare.signOff.${state}`)}
    </span>
  );
}

export function reportPath(row: Pick<RolloutRow, 'runId' | 'revision'>): string | null {
  return row.revision === null
    ? null
    : `/review/${encodeURIComponent(row.runId)}/${String(row.revision)}`;
}

export function RolloutsTable({
  rows,
  sort,
  onSort,
  templateTitle,
}: {
  rows: readonly RolloutRow[];
  sort: RolloutSort;
  onSort: (sort: RolloutSort) => void;
  /** The template's name for its id, when this device has the template. */
  templateTitle: (definitionId: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const headerFor = (column: (typeof COLUMNS)[number]) => {
    const isActive = sort.key === column.key;
    const Icon = !isActive ? ArrowUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown;
    return (
      <th
        key={column.key}
        scope="col"
        className={column.className}
        aria-sort={isActive ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <Button
          className="sort-button"
          onPress={() =>
            onSort({
              key: column.key,
              direction: isActive && sort.direction === 'asc' ? 'desc' : 'asc',
            })
          }
        >
          {t(`compare.columns.${column.label}`)}
          <Icon aria-hidden size={13} className={isActive ? '' : 'sort-idle'} />
        </Button>
      </th>
    );
  };
  return (
    <div className="table-scroll">
      <table className="data-table compare-table">
        <caption className="visually-hidden">{t('compare.rollouts.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.slice(0, 3).map(headerFor)}
            <th scope="col">{t('compare.columns.gate')}</th>
            {COLUMNS.slice(3).map(headerFor)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const path = reportPath(row);
            return (
              <tr
                key={row.runId}
                className={path ? 'is-clickable' : undefined}
                onClick={(event) => {
                  if (path && !(event.target instanceof HTMLAnchorElement)) void navigate(path);
                }}
              >
                <th scope="row">
                  {path ? <Link to={path}>{row.office}</Link> : row.office}
                  {!isSameName(row.runName, row.office) && (
                    <span className="cell-sub">{row.runName}</span>
                  )}
                </th>
                <td className="cell-template">
                  <span className="cell-main">
                    {templateTitle(row.definitionId) ?? row.definitionId}
                  </span>
                  <span className="cell-sub">
                    {t('compare.version', { version: row.definitionVersion })}
                  </span>
                </td>
                <td>
                  <span className="cell-progress">
                    <span className="mini-bar" aria-hidden>
                      <span style={{ width: `${row.percentComplete}%` }} />
                    </span>
                    <span className="num">{row.percentComplete}%</span>
                  </span>
                  <span className="cell-sub">
                    {t('compare.resolvedOf', { resolved: row.resolved, total: row.total })}
                  </span>
                </td>
                <td>
                  <GateBadge decision={row.decision} size="small" />
                </td>
                <td className="num">
                  {row.blockerCount > 0 ? (
                    <span
                      className="badge compare-blocked"
                      title={row.blockers.map((blocker) => blocker.title).join('\n')}
                    >
                      <OctagonAlert aria-hidden size={14} />
                      {t('compare.blockerCount', { count: row.blockerCount })}
                    </span>
                  ) : (
                    <span className="muted-inline">0</span>
                  )}
                </td>
                <td className="cell-go-live">
                  <span className="cell-main">
                    {t('compare.plannedOn', { date: formatDay(row.plannedGoLive, i18n.language) })}
                  </span>
                  <span className="cell-main">
                    {t('compare.expectedOn', {
                      date: formatDay(row.expectedGoLive, i18n.language),
                    })}
                  </span>
                  <span className="cell-badge">
                    <LateBadge daysLate={row.daysLate} />
                  </span>
                  <span className="cell-sub">{projectionText(t, row)}</span>
                </td>
                <td className="num">
                  {row.actualToEstimate === null ? (
                    <span className="muted-inline" title={t('compare.ratioUnknown')}>
                      —
                    </span>
                  ) : (
                    <span className={row.actualToEstimate > 2 ? 'bad' : undefined}>
                      {t('compare.ratio', { ratio: row.actualToEstimate.toFixed(1) })}
                    </span>
                  )}
                </td>
                <td>
                  <SignOffBadge state={row.signOff} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "Berlin / Berlin" says nothing: the run's name shows only when it is not the office's. */
function isSameName(runName: string, office: string): boolean {
  const plain = (text: string) => text.trim().toLocaleLowerCase();
  return plain(runName) === plain(office);
}

/** How the expected go-live was projected, in words a reader can check. */
export function projectionText(t: TFunction, row: RolloutRow): string {
  if (row.paceBasis === 'finished') return t('compare.projection.finished');
  const hours = Math.round((row.remainingEstimateMinutes / 60) * 10) / 10;
  return t(`compare.projection.${row.paceBasis}`, {
    hours,
    pace: row.paceFactor.toFixed(1),
    // expectGoLive's working day: 8 hours.
    days: Math.ceil((row.remainingEstimateMinutes * row.paceFactor) / 480),
  });
}

function LateBadge({ daysLate }: { daysLate: number }) {
  const { t } = useTranslation();
  if (daysLate > 0) {
    return (
      <span className="badge compare-late">
        <CalendarClock aria-hidden size={14} />
        {t('compare.daysLate', { count: daysLate })}
      </span>
    );
  }
  return (
    <span className="badge compare-on-time">
      <CalendarCheck aria-hidden size={14} />
      {t('compare.onTime')}
    </span>
  );
}
