// The head of ICT's table: one row per office or client rollout (a run), from its latest snapshot
// and/or its signed report (observe-rollout.ts decides which counts), with the expected go-live
// (expected-go-live.ts explains the model), plus the filters and orderings the table offers.
// When adding a column, also add it to ROLLOUT_CSV_COLUMNS (csv.ts) and to the sort keys here.
import type { DefinitionKind, ParameterValues } from '../definitions/schema';
import { compareSemver } from '../definitions/semver';
import type { GateDecision } from '../runs/gate';
import type { ExpectationOptions, PaceBasis } from './expected-go-live';
import { actualToEstimateOf, expectGoLive } from './expected-go-live';
import type { ObservedBlocker, RolloutObservation } from './observe-rollout';
import { byOfficeThenRun, compareText } from './order';
import type { SignOffState } from './sign-off-state';
import { SIGN_OFF_STATES, isSignedOff } from './sign-off-state';

export interface RolloutRow {
  runId: string;
  office: string;
  runName: string;
  kind: DefinitionKind;
  /** The `country` parameter, upper-cased; null when unknown (a snapshot has no parameters). */
  country: string | null;
  definitionId: string;
  definitionVersion: string;
  percentComplete: number;
  total: number;
  resolved: number;
  decision: GateDecision;
  blockerCount: number;
  blockers: ObservedBlocker[];
  /** 'YYYY-MM-DD'. */
  plannedGoLive: string;
  /** 'YYYY-MM-DD'. */
  expectedGoLive: string;
  /** Expected minus planned, in calendar days; positive is late. */
  daysLate: number;
  estimateMinutes: number;
  remainingEstimateMinutes: number;
  remainingBasis: RolloutObservation['remainingBasis'];
  actualMinutes: number;
  /** Actual / estimate of timed items (2 = twice as long); null when not measured. */
  actualToEstimate: number | null;
  paceFactor: number;
  paceBasis: PaceBasis;
  signOff: SignOffState;
  basis: RolloutObservation['basis'];
  observedAt: string;
  revision: number | null;
  signedAt: string | null;
}

export interface RolloutRowOptions extends ExpectationOptions {
  /** 'YYYY-MM-DD', the viewer's local date. */
  today: string;
}

export function countryOf(parameters: ParameterValues): string | null {
  const country = parameters.country;
  return typeof country === 'string' && country.trim() !== '' ? country.trim().toUpperCase() : null;
}

export function rolloutRow(
  observation: RolloutObservation,
  options: RolloutRowOptions,
): RolloutRow {
  const expectation = expectGoLive(
    {
      plannedGoLive: observation.plannedGoLive,
      remainingEstimateMinutes: observation.remainingEstimateMinutes,
      timed: observation.timed,
      finishedAt: isSignedOff(observation.signOff) ? observation.signedAt : null,
    },
    options.today,
    options,
  );
  return {
    runId: observation.runId,
    office: observation.office,
    runName: observation.runName,
    kind: observation.kind,
    country: countryOf(observation.parameters),
    definitionId: observation.definitionId,
    definitionVersion: observation.definitionVersion,
    percentComplete: observation.percentComplete,
    total: observation.total,
    resolved: observation.resolved,
    decision: observation.decision,
    blockerCount: observation.blockers.length,
    blockers: observation.blockers,
    plannedGoLive: observation.plannedGoLive,
    expectedGoLive: expectation.expectedGoLive,
    daysLate: expectation.daysLate,
    estimateMinutes: observation.estimateMinutes,
    remainingEstimateMinutes: observation.remainingEstimateMinutes,
    remainingBasis: observation.remainingBasis,
    actualMinutes: observation.actualMinutes,
    actualToEstimate: actualToEstimateOf(observation.timed),
    paceFactor: expectation.paceFactor,
    paceBasis: expectation.paceBasis,
    signOff: observation.signOff,
    basis: observation.basis,
    observedAt: observation.observedAt,
    revision: observation.revision,
    signedAt: observation.signedAt,
  };
}

/** Rows in office, then run name order. */
export function buildRolloutRows(
  observations: Iterable<RolloutObservation>,
  options: RolloutRowOptions,
): RolloutRow[] {
  const rows = [...observations].map((observation) => rolloutRow(observation, options));
  return sortRolloutRows(rows, 'office');
}

/** Every given criterion must match; an empty or absent list matches everything. */
export interface RolloutFilter {
  kinds?: readonly DefinitionKind[];
  /** ISO country codes, any case. A row whose country is unknown never matches. */
  countries?: readonly string[];
  states?: readonly SignOffState[];
  offices?: readonly string[];
  definitionIds?: readonly string[];
  /** Only rows expected after their planned go-live. */
  isLateOnly?: boolean;
  /** Only rows with an open blocker. */
  isBlockedOnly?: boolean;
}

export function filterRolloutRows(
  rows: readonly RolloutRow[],
  filter: RolloutFilter,
): RolloutRow[] {
  const countries = filter.countries?.map((country) => country.trim().toUpperCase());
  const allows = <T>(list: readonly T[] | undefined, value: T) =>
    list === undefined || list.length === 0 || list.includes(value);
  return rows.filter(
    (row) =>
      allows(filter.kinds, row.kind) &&
      (countries === undefined ||
        countries.length === 0 ||
        (row.country !== null && countries.includes(row.country))) &&
      allows(filter.states, row.signOff) &&
      allows(filter.offices, row.office) &&
      allows(filter.definitionIds, row.definitionId) &&
      (filter.isLateOnly !== true || row.daysLate > 0) &&
      (filter.isBlockedOnly !== true || row.blockerCount > 0),
  );
}

export const ROLLOUT_SORT_KEYS = [
  'office',
  'runName',
  'kind',
  'country',
  'definitionVersion',
  'percentComplete',
  'blockerCount',
  'plannedGoLive',
  'expectedGoLive',
  'daysLate',
  'actualToEstimate',
  'signOff',
] as const;
export type RolloutSortKey = (typeof ROLLOUT_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

type Comparable = string | number | null;

function sortValue(row: RolloutRow, key: RolloutSortKey): Comparable {
  switch (key) {
    case 'signOff':
      // Workflow order: in progress, sent back, signed, countersigned.
      return SIGN_OFF_STATES.indexOf(row.signOff);
    case 'definitionVersion':
      return `${row.definitionId}@${row.definitionVersion}`;
    default:
      return row[key];
  }
}

function compareValues(a: Comparable, b: Comparable, key: RolloutSortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (key === 'definitionVersion' && typeof a === 'string' && typeof b === 'string') {
    const [aId = '', aVersion = ''] = a.split('@');
    const [bId = '', bVersion = ''] = b.split('@');
    return aId === bId ? compareSemver(aVersion, bVersion) : compareText(aId, bId);
  }
  return compareText(String(a), String(b));
}

/**
 * A sorted copy. Unknown values (no country, no measured ratio) go last in either direction; ties
 * fall back to office, then run name, then run id, so the order is stable across refreshes.
 */
export function sortRolloutRows(
  rows: readonly RolloutRow[],
  key: RolloutSortKey,
  direction: SortDirection = 'asc',
): RolloutRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1;
    } else {
      const order = compareValues(left, right, key);
      if (order !== 0) return order * sign;
    }
    return byOfficeThenRun(a, b);
  });
}
