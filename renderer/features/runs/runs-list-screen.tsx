// Every run on this device: template version, progress, gate, go-live date and days left.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from 'react-aria-components';
import { ListChecks, Plus } from 'lucide-react';
import type { Answer } from '../../../core/runs';
import { Screen } from '../../ui/screen';
import { EmptyState } from '../../ui/empty-state';
import { services } from '../../app/services';
import { useProfile } from '../profile/use-profile';
import { deriveRunView, type RunView } from './use-run-view';
import { GateBadge } from './status-badges';
import { NewRunDialog } from './new-run-dialog';
import { ReviewStateBadge, useRunReviewStates } from '../signoff/signed-report-panel';
import { formatDay } from './dates';
import { SharedRunMark, useSharedRunRows } from '../team/shared-run-mark';
import { sharedRunConflicts, withConflicts } from '../team/use-run-team';
import './runs.css';

function useRunViews(): RunView[] | undefined {
  const { db } = services;
  return useLiveQuery(
    () =>
      db.transaction(
        'r',
        [db.runs, db.definitions, db.answers, db.sharedRuns, db.runEvents],
        async () => {
          const runs = await db.runs.orderBy('updatedAt').reverse().toArray();
          const views: RunView[] = [];
          for (const run of runs) {
            const row = await db.definitions.get(`${run.definitionId}@${run.definitionVersion}`);
            if (!row) continue;
            const answers: Answer[] = await db.answers.where('runId').equals(run.id).toArray();
            const view = deriveRunView({ run, definition: row.definition, answers });
            // A shared run's conflicts hold its gate here too (features/team).
            views.push(withConflicts(view, await sharedRunConflicts(db, run.id)));
          }
          return views;
        },
      ),
    [],
  );
}

export function RunsListScreen() {
  const { t } = useTranslation();
  const profile = useProfile();
  const views = useRunViews();
  const [isCreating, setCreating] = useState(false);
  const newRun = (
    <Button className="button primary" onPress={() => setCreating(true)}>
      <Plus aria-hidden size={16} /> {t('runs.newRun')}
    </Button>
  );
  return (
    <Screen title={t('runs.title')} intro={t('runs.intro')} actions={newRun}>
      {views && views.length === 0 && (
        <EmptyState icon={ListChecks} title={t('runs.emptyTitle')} body={t('runs.emptyBody')} />
      )}
      {views && views.length > 0 && <RunsTable views={views} />}
      {profile && <NewRunDialog isOpen={isCreating} onOpenChange={setCreating} profile={profile} />}
    </Screen>
  );
}

function RunsTable({ views }: { views: RunView[] }) {
  const { t, i18n } = useTranslation();
  const reviewStates = useRunReviewStates();
  const shared = useSharedRunRows();
  return (
    <table className="data-table" aria-label={t('runs.list.label')}>
      <thead>
        <tr>
          <th scope="col">{t('runs.list.name')}</th>
          <th scope="col">{t('runs.list.template')}</th>
          <th scope="col">{t('runs.list.progress')}</th>
          <th scope="col">{t('runs.list.gate')}</th>
          <th scope="col">{t('runs.list.goLive')}</th>
          <th scope="col">{t('runs.list.daysLeft')}</th>
        </tr>
      </thead>
      <tbody>
        {views.map(({ run, definition, progress, gate }) => {
          const days = progress.daysToGoLive;
          return (
            <tr key={run.id}>
              <th scope="row">
                <Link to={`/runs/${run.id}`}>{run.name}</Link>
                {run.state === 'signed' && <span className="badge">{t('runs.list.signed')}</span>}
                <ReviewStateBadge state={reviewStates?.get(run.id)} />
                <SharedRunMark row={shared?.get(run.id)} />
              </th>
              <td>
                {definition.title} <span className="muted">{run.definitionVersion}</span>
              </td>
              <td>
                <span className="cell-progress">
                  <span className="mini-bar" aria-hidden>
                    <span style={{ width: `${progress.overall.percentComplete}%` }} />
                  </span>
                  {progress.overall.percentComplete}%
                </span>
              </td>
              <td>
                <GateBadge decision={gate.decision} size="small" />
              </td>
              <td>{formatDay(run.plannedGoLive, i18n.language)}</td>
              <td className={days < 0 && gate.decision === 'no-go' ? 'bad' : undefined}>
                {days > 0
                  ? t('runs.list.daysLeftValue', { count: days })
                  : days === 0
                    ? t('runs.list.today')
                    : t('runs.list.overdue', { count: -days })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
