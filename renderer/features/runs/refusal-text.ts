// A refusal of the core's run rules in the user's language (issue 16, point 10). The core writes
// plain English; the codes the user meets while ticking are said here through i18n with the item's
// title, and anything else falls back to the core's own sentence.
import type { TFunction } from 'i18next';
import type { ActionError } from '../../../core/runs';

/** A refusal: the core's codes, plus the storage's own (attachment-too-large, ...). */
interface Refusal {
  code: string;
  message: string;
  details?: ActionError['details'];
}

const TRANSLATED = new Set([
  'run-frozen',
  'item-hidden',
  'dependencies-open',
  'value-required',
  'rollback-plan-required',
  'evidence-required',
  'not-blocking',
  'justification-required',
]);

/** `title`: the title of the item the refused action was about, when it had one. */
export function refusalText(t: TFunction, error: Refusal, title: string | undefined): string {
  if (error.code === 'reason-required' && title !== undefined && !error.details?.failing) {
    // The core words it by the status asked for; both mention the title.
    return /blocked/.test(error.message)
      ? t('runs.refusals.reasonBlocked', { title })
      : t('runs.refusals.reasonNotApplicable', { title });
  }
  if (!TRANSLATED.has(error.code) || title === undefined) return error.message;
  const waitingOn = (error.details?.waitingOn ?? [])
    .map((item) =>
      t('runs.refusals.waitingItem', { title: item.title, department: item.department }),
    )
    .join(', ');
  return t(`runs.refusals.${error.code}`, { title, waitingOn });
}
