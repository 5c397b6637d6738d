// The status digest's plain text in the app's language: the core says what the digest holds
// (core/runs/digest.ts); here every sentence is said through i18next, plurals included. The same
// text is shown, copied to the clipboard and saved as a file.
import type { TFunction } from 'i18next';
import {
  formatMinutes,
  type DigestBlocker,
  type DigestSlip,
  type StatusDigest,
} from '../../../core/runs';
import { appLocale, formatDateTime, formatDay, type DateStyle } from '../../i18n/date-format';
import { failureText } from './failure-text';

/** Free text typed by people (reasons, justifications) on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function whenText(t: TFunction, days: number): string {
  if (Number.isNaN(days)) return t('runs.digest.text.when.unknown');
  if (days === 0) return t('runs.digest.text.when.today');
  if (days === 1) return t('runs.digest.text.when.tomorrow');
  if (days === -1) return t('runs.digest.text.when.yesterday');
  return days > 0
    ? t('runs.digest.text.when.in', { count: days })
    : t('runs.digest.text.when.ago', { count: -days });
}

function blockerText(t: TFunction, blocker: DigestBlocker): string {
  if (blocker.kind === 'raised') {
    const values = {
      title: blocker.title,
      severity: t(`runs.digest.text.severity.${blocker.severity}`),
      reason: oneLine(blocker.reason),
    };
    return blocker.isWaived
      ? t('runs.digest.text.raisedWaived', values)
      : t('runs.digest.text.raised', values);
  }
  const why = t(`runs.digest.text.why.${blocker.why}`);
  const detail = blocker.failure
    ? failureText(t, blocker.failure)
    : blocker.detail && blocker.why === 'waiting'
      ? t('runs.digest.text.waitingOn', { titles: blocker.detail })
      : oneLine(blocker.detail ?? '');
  return detail
    ? t('runs.digest.text.gateBlockerDetail', { title: blocker.title, why, detail })
    : t('runs.digest.text.gateBlocker', { title: blocker.title, why });
}

function slipText(t: TFunction, slip: DigestSlip): string {
  return slip.kind === 'over-estimate'
    ? t('runs.digest.text.overEstimate', {
        title: slip.title,
        actual: formatMinutes(slip.actualMinutes),
        estimate: formatMinutes(slip.estimateMinutes),
      })
    : t('runs.digest.text.overdue', {
        title: slip.title,
        status: t(`runs.digest.text.status.${slip.status}`),
        count: slip.daysLate,
      });
}

/** The list lines, and "...and N more" when the core left some out. */
function list(t: TFunction, lines: string[], more: number): string[] {
  return more > 0 ? [...lines, t('runs.digest.text.more', { count: more })] : lines;
}

/**
 * The digest as text in `t`'s language. `language` picks the number and date formats; `dateStyle`
 * is the user's choice of dates (by language or ISO 8601).
 */
export function digestText(
  t: TFunction,
  digest: StatusDigest,
  language: string,
  dateStyle?: DateStyle,
): string {
  const number = new Intl.NumberFormat(appLocale(language), { maximumFractionDigits: 2 });
  const at = (iso: string) => formatDateTime(iso, language, dateStyle);
  const p = digest.progress;
  const lines: string[] = [];

  lines.push(
    t('runs.digest.text.heading', {
      name: digest.runName,
      rag: t(`runs.digest.rag.${digest.rag}`),
    }),
    t('runs.digest.text.template', digest.template),
    t('runs.digest.text.goLive', {
      date: formatDay(digest.plannedGoLive, language, dateStyle),
      when: whenText(t, digest.daysToGoLive),
    }),
  );
  const gate = digest.gate;
  const notes = [
    gate.notReady > 0 ? t('runs.digest.text.notReady', { count: gate.notReady }) : '',
    gate.blockersRaised > 0
      ? t('runs.digest.text.blockersRaised', { count: gate.blockersRaised })
      : '',
    gate.waivers > 0 ? t('runs.digest.text.waiverCount', { count: gate.waivers }) : '',
  ].filter(Boolean);
  const decision = t(`runs.digest.text.decision.${gate.decision}`);
  lines.push(
    notes.length > 0
      ? t('runs.digest.text.gateWithNotes', { decision, notes: notes.join(', ') })
      : t('runs.digest.text.gate', { decision }),
  );

  const rest = [
    t('runs.digest.text.openCount', { count: p.open }),
    t('runs.digest.text.blockedCount', { count: p.blocked }),
    p.failing > 0 ? t('runs.digest.text.failingCount', { count: p.failing }) : '',
  ].filter(Boolean);
  lines.push(
    '',
    t('runs.digest.text.progress', {
      percent: p.percentComplete,
      resolved: p.resolved,
      count: p.total,
      done: p.done,
      notApplicable: p.notApplicable,
      rest: rest.join(', '),
    }),
  );
  for (const section of digest.sections) {
    const extra = [
      section.blocked > 0 ? t('runs.digest.text.blockedCount', { count: section.blocked }) : '',
      section.failing > 0 ? t('runs.digest.text.failingCount', { count: section.failing }) : '',
    ].filter(Boolean);
    lines.push(
      [
        t('runs.digest.text.section', {
          title: section.title,
          department: section.department,
          percent: section.percentComplete,
          resolved: section.resolved,
          total: section.total,
        }),
        ...extra,
      ].join(', '),
    );
  }

  lines.push('', t('runs.digest.text.blockersHeading'));
  lines.push(
    ...(digest.blockers.length > 0
      ? list(
          t,
          digest.blockers.map((blocker) => blockerText(t, blocker)),
          digest.moreBlockers,
        )
      : [t('runs.digest.text.none')]),
  );

  if (digest.failing.length > 0) {
    const failing = digest.failing.map((entry) => {
      const values = {
        title: entry.title,
        severity: t(`runs.digest.text.severity.${entry.severity}`),
        failure: failureText(t, entry.failure),
      };
      return entry.acceptedReason === undefined
        ? t('runs.digest.text.failing', values)
        : t('runs.digest.text.failingAccepted', {
            ...values,
            reason: oneLine(entry.acceptedReason),
          });
    });
    lines.push('', t('runs.digest.text.failingHeading'), ...list(t, failing, digest.moreFailing));
  }
  if (digest.slipped.length > 0) {
    const slipped = digest.slipped.map((slip) => slipText(t, slip));
    lines.push('', t('runs.digest.text.slippedHeading'), ...list(t, slipped, digest.moreSlipped));
  }
  if (digest.waivers.length > 0) {
    lines.push('', t('runs.digest.text.waiversHeading'));
    for (const waiver of digest.waivers) {
      lines.push(
        t('runs.digest.text.waiver', {
          title: waiver.title,
          justification: oneLine(waiver.justification),
          by: waiver.by.name,
          role: t(`roles.${waiver.by.role}`),
          at: at(waiver.at),
          approver: waiver.approvedBy.name,
          approvedAt: at(waiver.approvedAt),
        }),
      );
    }
  }

  lines.push('');
  if (digest.eta === null) {
    lines.push(t('runs.digest.text.etaDone'));
  } else {
    const { remainingMinutes, unestimated } = digest.eta;
    const eta = t('runs.digest.text.eta', {
      remaining: formatMinutes(remainingMinutes),
      doubled: formatMinutes(remainingMinutes * 2),
    });
    lines.push(
      unestimated > 0 ? `${eta} ${t('runs.digest.text.noEstimate', { count: unestimated })}` : eta,
    );
  }
  if (digest.actualToEstimate !== null) {
    lines.push(t('runs.digest.text.ratio', { ratio: number.format(digest.actualToEstimate) }));
  }
  if (digest.criticalPath) {
    lines.push(
      t('runs.digest.text.criticalPath', {
        total: formatMinutes(digest.criticalPath.totalMinutes),
        chain: digest.criticalPath.titles.join(' -> '),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
