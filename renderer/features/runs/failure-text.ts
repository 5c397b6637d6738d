// Words for the core's failure of an answer (core/runs/evaluation.ts: Failure) in the app's
// language, and for an item's resolved bounds ("at least 6 (from ceil(seats / 20))"). The core's
// English sentence stays the one in reports; on screen the same data is said in English or Spanish.
import type { TFunction } from 'i18next';
import {
  formatNumber,
  plural,
  type BoundSource,
  type Failure,
  type ResolvedBound,
  type ResolvedBounds,
} from '../../../core/runs';

function sourceText(t: TFunction, source: BoundSource): string {
  switch (source.kind) {
    case 'fixed':
      return '';
    case 'expression':
      return t('runs.failure.source.expression', { expression: source.expression });
    case 'item':
      return t('runs.failure.source.item', { title: source.title });
  }
}

export function failureText(t: TFunction, failure: Failure): string {
  switch (failure.kind) {
    case 'no-value':
      return t('runs.failure.noValue');
    case 'wrong-type':
      return t('runs.failure.wrongType', {
        recorded: failure.recorded,
        expected: failure.expected,
      });
    case 'below-min':
    case 'above-max':
      return t(failure.kind === 'below-min' ? 'runs.failure.belowMin' : 'runs.failure.aboveMax', {
        value: formatNumber(failure.value),
        bound: formatNumber(failure.bound),
        unit: failure.unit,
        source: sourceText(t, failure.source),
      });
    case 'too-few':
      return t('runs.failure.tooFew', {
        named: failure.named,
        required: failure.required,
        unit: failure.unit,
        units: plural(failure.unit, failure.required),
        source: sourceText(t, failure.source),
      });
    case 'bound-unknown':
      return t(failure.side === 'min' ? 'runs.failure.minUnknown' : 'runs.failure.maxUnknown', {
        expression: failure.expression,
        problem:
          failure.problem.kind === 'missing-parameter'
            ? t('runs.failure.problem.missingParameter', { name: failure.problem.name })
            : failure.problem.kind === 'division-by-zero'
              ? t('runs.failure.problem.divisionByZero')
              : t('runs.failure.problem.notFinite'),
      });
    case 'unknown-choice':
      return t('runs.failure.unknownChoice', { choice: failure.choiceId });
    case 'unacceptable-choice':
      return t('runs.failure.unacceptableChoice', { choice: failure.label });
    case 'empty-text':
      return t('runs.failure.emptyText');
  }
}

function boundText(t: TFunction, side: 'min' | 'max', bound: ResolvedBound): string | undefined {
  switch (bound.state) {
    case 'none':
      return undefined;
    case 'known': {
      const figure = formatNumber(bound.value) + sourceText(t, bound.source);
      return side === 'min'
        ? t('runs.detail.min', { min: figure })
        : t('runs.detail.max', { max: figure });
    }
    case 'pending':
      return t('runs.detail.boundPending', { title: bound.title });
    case 'unknown':
      return t('runs.detail.boundUnknown', { expression: bound.expression });
  }
}

/** "at least 6 (from ceil(seats / 20)), at most 4 (the answer to "Signed RTO")", or ''. */
export function boundsText(t: TFunction, bounds: ResolvedBounds): string {
  return [boundText(t, 'min', bounds.min), boundText(t, 'max', bounds.max)]
    .filter((part): part is string => part !== undefined)
    .join(', ');
}
