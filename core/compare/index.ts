// The public API of the rollout comparisons (the global head of ICT's and the supervisors' views):
// pair each run's latest snapshot and report (collectRollouts), observe them once
// (observeRollouts), then build the views from the observations: rollout rows with the expected
// go-live, the section heatmap, item-by-item comparison across versions, blockers by department,
// progress trends, lessons learned per template, the SLA view and the CSV export.
// Import from here rather than from the modules.
export {
  definitionCatalog,
  catalogItems,
  departmentTitles,
  EMPTY_CATALOG,
  type CatalogItem,
  type DefinitionCatalog,
} from './catalog';
export {
  collectRollouts,
  type CollectInput,
  type ReviewState,
  type RolloutSource,
} from './sources';
export { signOffStateOf, isSignedOff, SIGN_OFF_STATES, type SignOffState } from './sign-off-state';
export {
  observeRollout,
  observeRollouts,
  type ObservedBlocker,
  type ObservedSection,
  type RolloutObservation,
  type TimedWork,
} from './observe-rollout';
export {
  expectGoLive,
  actualToEstimateOf,
  addDays,
  ASSUMED_PACE,
  type ExpectationInput,
  type ExpectationOptions,
  type GoLiveExpectation,
  type PaceBasis,
} from './expected-go-live';
export {
  buildRolloutRows,
  rolloutRow,
  filterRolloutRows,
  sortRolloutRows,
  countryOf,
  ROLLOUT_SORT_KEYS,
  type RolloutFilter,
  type RolloutRow,
  type RolloutRowOptions,
  type RolloutSortKey,
  type SortDirection,
} from './rollout-rows';
export {
  buildSectionHeatmap,
  type HeatmapCell,
  type HeatmapColumn,
  type HeatmapOptions,
  type HeatmapRow,
  type SectionHeatmap,
  type VersionOnlyItem,
} from './section-heatmap';
export {
  compareRunItems,
  type ComparedItem,
  type ComparedRun,
  type ComparedStatus,
  type CompareItemsOptions,
  type ItemComparison,
} from './compare-items';
export {
  progressTrends,
  samplesOfRunEntries,
  downsampleLttb,
  type TrendOptions,
  type TrendPoint,
  type TrendSample,
  type TrendSeries,
} from './trends';
export {
  blockersByDepartment,
  type BlockerSource,
  type DepartmentBlockers,
} from './blockers-by-department';
export {
  lessonsOfTemplate,
  splitLessonPoints,
  findMentionedItems,
  type LessonItemGroup,
  type LessonPoint,
  type MentionableItem,
  type TemplateLessons,
  type VersionLessons,
} from './lessons';
export {
  slaView,
  commonUnit,
  SLA_METRICS,
  SLA_PRIORITIES,
  type SlaCell,
  type SlaClientRow,
  type SlaFigure,
  type SlaMetric,
  type SlaPriority,
  type SlaState,
} from './sla';
export {
  csvField,
  toCsv,
  rolloutRowsToCsv,
  ROLLOUT_CSV_COLUMNS,
  type CsvOptions,
  type CsvValue,
  type RolloutCsvColumn,
  type RolloutCsvOptions,
} from './csv';
