// The coordinator's view of the department chain (seed 001: each engineering department does its
// part, some only after another): per department, where it stands, how much is done, whom it waits
// on (the department and its people on this run), its last activity, its time against the estimate
// (flagged over twice: "expect it to take twice as long") and its due date from the plan, late or
// not. The run's owner sets the due dates (the hub keeps the plan; it needs the hub now).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import {
  Ban,
  CalendarClock,
  Circle,
  CircleCheck,
  Hourglass,
  LoaderCircle,
  Save,
  Timer,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import {
  departmentChain,
  formatMinutes,
  isValidDate,
  type DepartmentState,
  type DepartmentStatus,
} from '../../../core/runs';
import type { RunMember } from '../../../core/sync';
import { formatDateTime, formatDay, todayIso } from '../runs/dates';
import { DateField } from '../../ui/date-field';
import type { RunView } from '../runs/use-run-view';
import { savePlan } from './team-actions';
import { failureText } from './team-text';
import type { RunTeam } from './use-run-team';

const STATE_ICONS: Record<DepartmentState, LucideIcon> = {
  done: CircleCheck,
  blocked: Ban,
  waiting: Hourglass,
  'in-progress': LoaderCircle,
  'not-started': Circle,
};

/** Over twice the estimate breaks the rule of thumb (seed 002). */
const OVER_ESTIMATE = 2;

export function ChainView({ view, team }: { view: RunView; team: RunTeam }) {
  const { t } = useTranslation();
  const plan = team.shared?.info.plan;
  const chain = useMemo(
    () =>
      team.log ? departmentChain(view.definition, view.run, team.log, plan ?? {}, todayIso()) : [],
    [view.definition, view.run, team.log, plan],
  );
  const [draft, setDraft] = useState<Record<string, string>>(() => ({ ...plan }));
  const [isSaving, setSaving] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const canPlan = team.isOwner && team.connection !== null && team.shared !== null;
  const invalid = Object.entries(draft).filter(([, date]) => date !== '' && !isValidDate(date));
  const isChanged = chain.some((d) => (draft[d.department] ?? '') !== (plan?.[d.department] ?? ''));

  const save = async () => {
    if (!team.connection || !team.shared) return;
    setSaving(true);
    const next = Object.fromEntries(Object.entries(draft).filter(([, date]) => date !== ''));
    const outcome = await savePlan(team.connection, team.shared.runId, next);
    setSaving(false);
    setFeedback(
      outcome.ok
        ? { tone: 'ok', text: t('team.chain.saved') }
        : { tone: 'error', text: failureText(t, outcome) },
    );
  };

  if (!team.log) return <div className="loading" aria-busy="true" />;
  return (
    <section className="chain-view" aria-labelledby="chain-view-title">
      <h2 id="chain-view-title">{t('team.chain.title')}</h2>
      <p className="muted">{t('team.chain.intro')}</p>
      <div className="chain-table-wrap">
        <table className="data-table chain-table" aria-labelledby="chain-view-title">
          <thead>
            <tr>
              <th scope="col">{t('team.chain.department')}</th>
              <th scope="col">{t('team.chain.state')}</th>
              <th scope="col">{t('team.chain.done')}</th>
              <th scope="col">{t('team.chain.waitingOn')}</th>
              <th scope="col">{t('team.chain.lastActivity')}</th>
              <th scope="col">{t('team.chain.time')}</th>
              <th scope="col">{t('team.chain.due')}</th>
            </tr>
          </thead>
          <tbody>
            {chain.map((status) => (
              <ChainRow
                key={status.department}
                status={status}
                members={team.shared?.info.members ?? []}
                due={canPlan ? (draft[status.department] ?? '') : undefined}
                onDue={(date) => setDraft((current) => ({ ...current, [status.department]: date }))}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canPlan && (
        <div className="chain-plan-actions">
          <Button
            className="button primary"
            isDisabled={!isChanged || invalid.length > 0 || isSaving}
            onPress={() => void save()}
          >
            <Save aria-hidden size={15} /> {t('team.chain.save')}
          </Button>
          <span className="muted small">{t('team.chain.saveHelp')}</span>
        </div>
      )}
      {feedback && (
        <p
          className={feedback.tone === 'ok' ? 'team-feedback ok' : 'team-error'}
          role={feedback.tone === 'ok' ? 'status' : 'alert'}
        >
          {feedback.tone === 'ok' ? (
            <CircleCheck aria-hidden size={16} />
          ) : (
            <TriangleAlert aria-hidden size={16} />
          )}
          <span>{feedback.text}</span>
        </p>
      )}
    </section>
  );
}

function ChainRow({
  status,
  members,
  due,
  onDue,
}: {
  status: DepartmentStatus;
  members: readonly RunMember[];
  /** The editable due date (the owner); undefined shows the plan's date read-only. */
  due: string | undefined;
  onDue: (date: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const Icon = STATE_ICONS[status.state];
  const ratio = status.actualToEstimate;
  const isOver = ratio !== null && ratio > OVER_ESTIMATE;
  const peopleOf = (department: string) =>
    members.filter((m) => !m.removedAt && m.departments.includes(department)).map((m) => m.name);
  return (
    <tr className={`chain-row state-${status.state}`}>
      <th scope="row">{status.title}</th>
      <td>
        <span className={`badge chain-state chain-${status.state}`}>
          <Icon aria-hidden size={14} />
          {t(`team.chain.states.${status.state}`)}
        </span>
      </td>
      <td>
        <span className="chain-done-count">
          {t('team.chain.doneOf', { resolved: status.resolved, total: status.total })}
        </span>
        {status.blocked > 0 && (
          <span className="muted small">
            {' '}
            · {t('team.chain.blocked', { count: status.blocked })}
          </span>
        )}
      </td>
      <td>
        {status.waitingOn.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="chain-waiting">
            {status.waitingOn.map((link) => {
              const people = peopleOf(link.department);
              return (
                <li key={link.department}>
                  {t('team.chain.waitsOn', { department: link.title, count: link.items })}
                  {people.length > 0 && <span className="muted small"> · {people.join(', ')}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </td>
      <td>
        {status.lastActivityAt ? (
          formatDateTime(status.lastActivityAt, i18n.language)
        ) : (
          <span className="muted">{t('team.chain.noActivity')}</span>
        )}
      </td>
      <td>
        <span className="chain-time">
          <Timer aria-hidden size={14} />
          {ratio === null
            ? t('team.chain.notTimed', { estimate: formatMinutes(status.estimateMinutes) })
            : t('team.chain.timeAgainst', {
                actual: formatMinutes(status.actualMinutes),
                estimate: formatMinutes(status.estimateMinutes),
                ratio: ratio.toFixed(1),
              })}
        </span>
        {isOver && (
          <span className="badge flag-failing chain-over">
            <TriangleAlert aria-hidden size={13} />
            {t('team.chain.overTwice')}
          </span>
        )}
      </td>
      <td>
        {due !== undefined ? (
          <DateField
            className="field chain-due"
            isLabelHidden
            label={t('team.chain.dueFor', { department: status.title })}
            value={due}
            onChange={onDue}
          />
        ) : status.due ? (
          formatDay(status.due, i18n.language)
        ) : (
          <span className="muted">—</span>
        )}
        {status.isLate && (
          <span className="badge flag-failing chain-late">
            <CalendarClock aria-hidden size={13} />
            {t('team.chain.late')}
          </span>
        )}
      </td>
    </tr>
  );
}
