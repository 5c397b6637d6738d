// The Compare dashboard of the global head of ICT (all offices) and the supervisors (their
// offices): rollouts side by side (table, progress trends, blockers by department), the sections
// that lag per template, the lessons learned as input for the next version, and the SLA of client
// onboardings. Everything is computed by core/compare from the hub's progress list (cached for
// offline use) and the signed reports on this device; compare-data.ts says where each comes from.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { BarChart3, Download, PlugZap, RefreshCw } from 'lucide-react';
import {
  blockersByDepartment,
  buildRolloutRows,
  buildSectionHeatmap,
  collectRollouts,
  definitionCatalog,
  departmentTitles,
  filterRolloutRows,
  lessonsOfTemplate,
  observeRollouts,
  progressTrends,
  rolloutRowsToCsv,
  samplesOfRunEntries,
  slaView,
  sortRolloutRows,
  SIGN_OFF_STATES,
  type RolloutFilter,
} from '../../../core/compare';
import type { DefinitionKind } from '../../../core/definitions/schema';
import { Screen } from '../../ui/screen';
import { EmptyState } from '../../ui/empty-state';
import { SelectField } from '../../ui/select-field';
import { bridge } from '../../bridge/bridge';
import { formatDateTime, todayIso } from '../runs/dates';
import { useCompareData } from './compare-data';
import { RolloutsTable, type RolloutSort } from './rollouts-table';
import { BlockersChart, ProgressTrendChart } from './rollout-charts';
import { SectionHeatmapView } from './section-heatmap-view';
import { LessonsView } from './lessons-view';
import { SlaView } from './sla-view';
import './compare.css';

const ALL = 'all';
const KINDS: DefinitionKind[] = ['new-office', 'client-onboarding'];
type Attention = 'all' | 'late' | 'blocked';
const TREND_POINTS = 60;

export function CompareScreen() {
  const { t, i18n } = useTranslation();
  const data = useCompareData();
  const [kind, setKind] = useState<string>(ALL);
  const [state, setState] = useState<string>(ALL);
  const [attention, setAttention] = useState<Attention>('all');
  const [sort, setSort] = useState<RolloutSort>({ key: 'office', direction: 'asc' });
  const [chosenTemplate, setChosenTemplate] = useState<string | null>(null);
  const [exportMessage, setExportMessage] = useState<string>();

  const catalog = useMemo(() => definitionCatalog(data.definitions ?? []), [data.definitions]);
  const titles = useMemo(() => departmentTitles(catalog), [catalog]);
  const runs = useMemo(() => data.progress?.runs ?? [], [data.progress]);
  const reports = useMemo(() => data.reports ?? [], [data.reports]);
  const observations = useMemo(
    () =>
      observeRollouts(
        collectRollouts({ snapshots: runs.map((run) => run.latest), reports }),
        catalog,
      ),
    [runs, reports, catalog],
  );
  const today = todayIso();
  const allRows = useMemo(() => buildRolloutRows(observations, { today }), [observations, today]);
  const filter: RolloutFilter = {
    kinds: kind === ALL ? [] : [kind as DefinitionKind],
    states: state === ALL ? [] : [state as (typeof SIGN_OFF_STATES)[number]],
    isLateOnly: attention === 'late',
    isBlockedOnly: attention === 'blocked',
  };
  const rows = sortRolloutRows(filterRolloutRows(allRows, filter), sort.key, sort.direction);
  const shownRuns = new Set(rows.map((row) => row.runId));
  const trends = useMemo(
    () => progressTrends(samplesOfRunEntries(runs), { maxPoints: TREND_POINTS }),
    [runs],
  ).filter((series) => shownRuns.has(series.runId));
  const blockers = blockersByDepartment(rows, titles);

  // Templates of the rollouts, the one with the most rollouts first (the default choice).
  const templates = useMemo(() => {
    const counts = new Map<string, number>();
    for (const observation of observations) {
      counts.set(observation.definitionId, (counts.get(observation.definitionId) ?? 0) + 1);
    }
    const titleOf = (id: string) => catalog.all().find((definition) => definition.id === id)?.title;
    return [...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
      .map(([id]) => ({ id, label: titleOf(id) ?? id }));
  }, [observations, catalog]);
  const template = chosenTemplate ?? templates[0]?.id ?? null;
  const heatmap = useMemo(
    () =>
      template === null
        ? null
        : buildSectionHeatmap(observations, { definitionId: template, catalog }),
    [observations, template, catalog],
  );
  const lessons = useMemo(
    () =>
      template === null ? null : lessonsOfTemplate(reports, { definitionId: template, catalog }),
    [reports, template, catalog],
  );
  const sla = useMemo(() => slaView(reports, catalog), [reports, catalog]);

  const exportCsv = async () => {
    const csv = rolloutRowsToCsv(rows, { bom: true });
    const result = await bridge.saveFile({
      suggestedName: `rollouts-${today}.csv`,
      mimeType: 'text/csv',
      data: new TextEncoder().encode(csv),
    });
    setExportMessage(result.saved ? t('compare.exported', { count: rows.length }) : undefined);
  };

  const isConnected = Boolean(data.connection);
  const isLoading = data.refresh.kind === 'loading';
  const actions = (
    <>
      {isConnected && (
        <Button className="button" onPress={data.onRefresh} isDisabled={isLoading}>
          <RefreshCw aria-hidden size={15} className={isLoading ? 'spin' : undefined} />
          {isLoading ? t('compare.refreshing') : t('compare.refresh')}
        </Button>
      )}
      <Button className="button" onPress={() => void exportCsv()} isDisabled={rows.length === 0}>
        <Download aria-hidden size={15} /> {t('compare.exportCsv')}
      </Button>
    </>
  );

  if (data.connection === undefined || data.reports === undefined) {
    return (
      <Screen title={t('compare.title')} intro={t('compare.intro')}>
        <p className="muted">{t('compare.loading')}</p>
      </Screen>
    );
  }

  const templateSelect = (
    <SelectField
      label={t('compare.template')}
      value={template}
      options={templates}
      onChange={setChosenTemplate}
      variant="inline"
    />
  );

  return (
    <Screen title={t('compare.title')} intro={t('compare.intro')} actions={actions}>
      <div className="compare-status" role="status">
        {data.connection ? (
          data.progress ? (
            <span>
              {t('compare.asOf', {
                hub: data.connection.hubUrl,
                time: formatDateTime(data.progress.fetchedAt, i18n.language),
              })}
            </span>
          ) : (
            <span>{isLoading ? t('compare.refreshing') : t('compare.noProgressYet')}</span>
          )
        ) : null}
        {exportMessage && <span className="ok-text"> {exportMessage}</span>}
      </div>
      {data.refresh.kind === 'failed' && (
        <p className="form-error" role="alert">
          {data.refresh.problem === 'unreachable'
            ? t('compare.unreachable')
            : t('compare.refused', { message: data.refresh.message })}
        </p>
      )}
      {!data.connection && (
        <EmptyState
          icon={PlugZap}
          title={t('compare.notConnectedTitle')}
          body={t('compare.notConnectedBody')}
        >
          <Link to="/settings" className="button">
            {t('compare.openSettings')}
          </Link>
        </EmptyState>
      )}
      {allRows.length === 0 ? (
        isConnected && (
          <EmptyState
            icon={BarChart3}
            title={t('compare.emptyTitle')}
            body={t('compare.emptyBody')}
          />
        )
      ) : (
        <Tabs className="compare-tabs">
          <TabList aria-label={t('compare.views')} className="compare-tab-list">
            <Tab id="rollouts" className="compare-tab">
              {t('compare.tabs.rollouts')}
            </Tab>
            <Tab id="sections" className="compare-tab">
              {t('compare.tabs.sections')}
            </Tab>
            <Tab id="lessons" className="compare-tab">
              {t('compare.tabs.lessons')}
            </Tab>
            <Tab id="sla" className="compare-tab">
              {t('compare.tabs.sla')}
            </Tab>
          </TabList>
          <TabPanel id="rollouts" className="compare-panel">
            <div className="compare-filters" role="group" aria-label={t('compare.filters.label')}>
              <SelectField
                label={t('compare.filters.kind')}
                value={kind}
                onChange={setKind}
                variant="inline"
                options={[
                  { id: ALL, label: t('compare.filters.allKinds') },
                  ...KINDS.map((id) => ({ id, label: t(`compare.kind.${id}`) })),
                ]}
              />
              <SelectField
                label={t('compare.filters.state')}
                value={state}
                onChange={setState}
                variant="inline"
                options={[
                  { id: ALL, label: t('compare.filters.allStates') },
                  ...SIGN_OFF_STATES.map((id) => ({ id, label: t(`compare.signOff.${id}`) })),
                ]}
              />
              <SelectField
                label={t('compare.filters.show')}
                value={attention}
                onChange={(id) => setAttention(id as Attention)}
                variant="inline"
                options={[
                  { id: 'all', label: t('compare.filters.everything') },
                  { id: 'late', label: t('compare.filters.lateOnly') },
                  { id: 'blocked', label: t('compare.filters.blockedOnly') },
                ]}
              />
              <span className="muted-inline compare-count">
                {t('compare.shown', { count: rows.length, total: allRows.length })}
              </span>
            </div>
            {rows.length === 0 ? (
              <p className="muted">{t('compare.noMatch')}</p>
            ) : (
              <RolloutsTable
                rows={rows}
                sort={sort}
                onSort={setSort}
                templateTitle={(id) => templates.find((entry) => entry.id === id)?.label}
              />
            )}
            <div className="compare-charts">
              <ProgressTrendChart series={trends} />
              <BlockersChart departments={blockers} />
            </div>
          </TabPanel>
          <TabPanel id="sections" className="compare-panel">
            <div className="compare-filters">{templateSelect}</div>
            <h2 className="compare-panel-title">{t('compare.heatmap.title')}</h2>
            {heatmap && (
              <SectionHeatmapView
                heatmap={heatmap}
                titleOfDepartment={(id) => titles.get(id) ?? id}
              />
            )}
          </TabPanel>
          <TabPanel id="lessons" className="compare-panel">
            <div className="compare-filters">{templateSelect}</div>
            <h2 className="compare-panel-title">{t('compare.lessons.title')}</h2>
            <p className="muted">{t('compare.lessons.intro')}</p>
            {lessons && <LessonsView lessons={lessons} />}
          </TabPanel>
          <TabPanel id="sla" className="compare-panel">
            <h2 className="compare-panel-title">{t('compare.sla.title')}</h2>
            <SlaView rows={sla} />
          </TabPanel>
        </Tabs>
      )}
    </Screen>
  );
}
