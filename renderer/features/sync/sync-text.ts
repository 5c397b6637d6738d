// Turns what sync records into words: the engine's own failure codes ("[timeout]", "[http 503]",
// core/sync ENGINE_ERRORS) in the user's language; the hub's messages are shown as the hub wrote them.
import type { TFunction } from 'i18next';
import type { SyncCycleResult, SyncProgress } from '../../../core/sync';

const ENGINE_ERROR = /^\[(timeout|network|bad-receipt|missing-report|bad-payload|http (\d{3}))\]$/;

export function describeError(t: TFunction, text: string | undefined): string {
  if (text === undefined) return '';
  const match = ENGINE_ERROR.exec(text.trim());
  if (!match) return text;
  if (match[2] !== undefined) return t('sync.errors.http', { status: match[2] });
  return t(`sync.errors.${match[1] as string}`);
}

export function describeProgress(t: TFunction, progress: SyncProgress | null): string {
  if (!progress) return t('sync.syncing');
  return t(`sync.phase.${progress.phase}`, { done: progress.done, total: progress.total });
}

export function describeOutcome(t: TFunction, result: SyncCycleResult): string {
  return t(`sync.outcome.${result.outcome}`, { message: describeError(t, result.message) });
}
