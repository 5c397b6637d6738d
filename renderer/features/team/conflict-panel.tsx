// An item changed on two devices at once (neither had seen the other's change: core/runs/merge.ts)
// shows every conflicting answer with who gave it and when, and a "Keep this answer" button for
// each. Keeping one records a resolution event that has seen them all (core resolveConflict), so
// every device ends with that answer after its next sync. Until then the core refuses any other
// change to the item ('conflict-unresolved'), and the panel says so. No clock ever decides.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Check, GitFork, TriangleAlert } from 'lucide-react';
import type { ChecklistDefinition, Item } from '../../../core/definitions/schema';
import { answerAfter, departmentTitle, type RunEvent } from '../../../core/runs';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../app/services';
import { formatDateTime } from '../runs/dates';
import { valueSummary } from '../runs/item-display';
import { actorOf } from '../runs/run-actions';
import { StatusBadge } from '../runs/status-badges';
import { useProfile } from '../profile/use-profile';
import { useRunTeamContext } from './use-run-team';

export const CONFLICT_PANEL_ID = 'item-conflict';

export function ConflictPanel({
  runId,
  item,
  definition,
}: {
  runId: string;
  item: Item;
  /** Names the departments of reassigned answers. */
  definition?: ChecklistDefinition;
}) {
  const { t } = useTranslation();
  const team = useRunTeamContext();
  const profile = useProfile();
  const [problem, setProblem] = useState<string>();
  if (!team?.log || !team.conflicts.has(item.id) || !profile) return null;
  const heads = team.log.item(item.id).heads;
  return (
    <section
      id={CONFLICT_PANEL_ID}
      className="conflict-panel"
      aria-labelledby="conflict-panel-title"
    >
      <h3 id="conflict-panel-title">
        <GitFork aria-hidden size={16} /> {t('team.conflict.title')}
      </h3>
      <p>{t('team.conflict.intro', { count: heads.length })}</p>
      <ul className="conflict-answers">
        {heads.map((head, index) => (
          <ConflictAnswer
            key={head.hash}
            id={`conflict-answer-${index}`}
            head={head}
            item={item}
            definition={definition}
            profile={profile}
            runId={runId}
            onProblem={setProblem}
          />
        ))}
      </ul>
      <p className="muted small">{t('team.conflict.refusedUntil')}</p>
      {problem && (
        <p className="team-error" role="alert">
          <TriangleAlert aria-hidden size={16} />
          <span>{problem}</span>
        </p>
      )}
    </section>
  );
}

function ConflictAnswer({
  id,
  head,
  item,
  definition,
  profile,
  runId,
  onProblem,
}: {
  id: string;
  head: RunEvent;
  item: Item;
  definition: ChecklistDefinition | undefined;
  profile: Profile;
  runId: string;
  onProblem: (problem: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const [isBusy, setBusy] = useState(false);
  const answer = answerAfter(head);
  if (!answer) return null;
  const value = valueSummary(item, answer);
  const keep = async () => {
    setBusy(true);
    onProblem(undefined);
    try {
      const result = await services.runs.resolveConflict(
        runId,
        item.id,
        head.hash,
        actorOf(profile),
      );
      if (!result.ok) onProblem(result.error.message);
    } catch (error) {
      onProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="conflict-answer">
      <h4 id={id}>
        {t('team.conflict.answerBy', {
          name: head.actor.name,
          time: formatDateTime(head.at, i18n.language),
        })}
      </h4>
      <dl className="conflict-facts">
        <dt>{t('team.conflict.status')}</dt>
        <dd>
          <StatusBadge status={answer.status} />
        </dd>
        {value && (
          <>
            <dt>{t('team.conflict.value')}</dt>
            <dd>{value}</dd>
          </>
        )}
        {answer.reason && (
          <>
            <dt>{t('team.conflict.reason')}</dt>
            <dd>{answer.reason}</dd>
          </>
        )}
        {answer.notes && (
          <>
            <dt>{t('team.conflict.notes')}</dt>
            <dd>{answer.notes}</dd>
          </>
        )}
        {answer.attachments.length > 0 && (
          <>
            <dt>{t('team.conflict.evidence')}</dt>
            <dd>{answer.attachments.map((attachment) => attachment.name).join(', ')}</dd>
          </>
        )}
        {answer.assignee && (
          <>
            <dt>{t('team.reassign.assignee')}</dt>
            <dd>
              {[
                definition
                  ? departmentTitle(definition, answer.assignee.department)
                  : answer.assignee.department,
                answer.assignee.person?.name,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        )}
        {answer.waiver && (
          <>
            <dt>{t('team.conflict.waiver')}</dt>
            <dd>{answer.waiver.justification}</dd>
          </>
        )}
      </dl>
      <Button
        className="button small primary"
        isDisabled={isBusy}
        aria-describedby={id}
        onPress={() => void keep()}
      >
        <Check aria-hidden size={14} /> {t('team.conflict.keep')}
      </Button>
    </li>
  );
}
