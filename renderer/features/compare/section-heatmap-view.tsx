// Which sections always lag, for one template across its versions: a section x rollout table.
// Each cell is coloured by the section's percent complete AND shows the number (never colour
// alone); a section not in a rollout's template version shows "—" with a title saying so. Rows come
// from buildSectionHeatmap already ordered by lag (the sections that lag most often first).
import { useTranslation } from 'react-i18next';
import type { HeatmapCell, SectionHeatmap } from '../../../core/compare';

function band(percent: number): string {
  if (percent >= 100) return 'heat-5';
  if (percent >= 75) return 'heat-4';
  if (percent >= 50) return 'heat-3';
  if (percent >= 25) return 'heat-2';
  return 'heat-1';
}

function Cell({ cell }: { cell: HeatmapCell }) {
  const { t } = useTranslation();
  if (cell.state === 'not-in-version') {
    const title = t('compare.heatmap.notInVersion', { version: cell.version });
    return (
      <td className="heat-cell heat-none" title={title}>
        <span aria-hidden>—</span>
        <span className="visually-hidden">{title}</span>
      </td>
    );
  }
  if (cell.state === 'no-items') {
    const title = t('compare.heatmap.noItems');
    return (
      <td className="heat-cell heat-none" title={title}>
        <span aria-hidden>·</span>
        <span className="visually-hidden">{title}</span>
      </td>
    );
  }
  const title = t('compare.heatmap.cellTitle', {
    percent: cell.percentComplete,
    resolved: cell.resolved,
    total: cell.total,
    lag: cell.lag > 0 ? `+${cell.lag}` : String(cell.lag),
  });
  return (
    <td className={`heat-cell ${band(cell.percentComplete)}`} title={title}>
      <span className="heat-value">{cell.percentComplete}%</span>
      {cell.blocked > 0 && (
        <span className="heat-blocked">
          {t('compare.heatmap.blocked', { count: cell.blocked })}
        </span>
      )}
    </td>
  );
}

export function SectionHeatmapView({
  heatmap,
  titleOfDepartment,
}: {
  heatmap: SectionHeatmap;
  titleOfDepartment: (id: string) => string;
}) {
  const { t } = useTranslation();
  if (heatmap.columns.length === 0) {
    return <p className="muted">{t('compare.heatmap.empty')}</p>;
  }
  const versionOnly = heatmap.rows.filter((row) => row.versionOnlyItems.length > 0);
  return (
    <>
      <p className="muted">
        {t('compare.heatmap.legend', { versions: heatmap.versions.join(', ') })}
      </p>
      <div className="table-scroll">
        <table className="data-table heatmap">
          <caption className="visually-hidden">
            {t('compare.heatmap.caption', { template: heatmap.definitionId })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('compare.heatmap.section')}</th>
              <th scope="col" className="num">
                {t('compare.heatmap.lagShare')}
              </th>
              {heatmap.columns.map((column) => (
                <th key={column.runId} scope="col" className="heat-column">
                  <span className="cell-main">{column.office}</span>
                  <span className="cell-sub">
                    {t('compare.version', { version: column.definitionVersion })} ·{' '}
                    {column.percentComplete}%
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.rows.map((row) => (
              <tr key={row.sectionId}>
                <th scope="row">
                  <span className="cell-main">{row.title}</span>
                  <span className="cell-sub">
                    {titleOfDepartment(row.department)}
                    {row.notInVersions.length > 0 &&
                      ` · ${t('compare.heatmap.onlyIn', { versions: row.inVersions.join(', ') })}`}
                  </span>
                </th>
                <td className="num">
                  {row.lagShare === null ? (
                    <span className="muted-inline">—</span>
                  ) : (
                    <span
                      title={t('compare.heatmap.lagTitle', {
                        measured: row.measured,
                        meanLag: row.meanLag ?? 0,
                      })}
                    >
                      {Math.round(row.lagShare * 100)}%
                    </span>
                  )}
                </td>
                {row.cells.map((cell, index) => (
                  <Cell key={heatmap.columns[index]?.runId ?? index} cell={cell} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versionOnly.length > 0 && (
        <section className="compare-version-only" aria-label={t('compare.heatmap.versionOnly')}>
          <h3>{t('compare.heatmap.versionOnly')}</h3>
          <ul>
            {versionOnly.flatMap((row) =>
              row.versionOnlyItems.map((item) => (
                <li key={`${row.sectionId}-${item.itemId}`}>
                  <strong>{item.title}</strong> <code>{item.itemId}</code> ({row.title}):{' '}
                  {t('compare.heatmap.itemIn', {
                    inVersions: item.inVersions.join(', '),
                    notInVersions: item.notInVersions.join(', '),
                  })}
                </li>
              )),
            )}
          </ul>
        </section>
      )}
    </>
  );
}
