// Under the run's header: when a newer version of the run's template reached this device (the
// weekend story: published Thursday, run started Friday), the offer to preview a move to it; after
// a move, which version it came from and the carried answers still to check again, each one click
// from its item. Nothing shows for a signed run, which stays on the version it was signed on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ArrowUpCircle, History, RotateCcw } from 'lucide-react';
import type { Profile } from '../../../../core/people/profile';
import type { RunView } from '../use-run-view';
import { formatDateTime } from '../dates';
import { MoveVersionDialog } from './move-version-dialog';
import { useNewerVersions, useRunMoveState } from './use-run-move';
import './move-version.css';

interface RunVersionPanelProps {
  view: RunView;
  profile: Profile;
  onOpenItem: (itemId: string) => void;
}

export function RunVersionPanel({ view, profile, onOpenItem }: RunVersionPanelProps) {
  const { t, i18n } = useTranslation();
  const { run, definition } = view;
  const newer = useNewerVersions(run);
  const moveState = useRunMoveState(run.id);
  const [isPreviewing, setPreviewing] = useState(false);
  if (run.state === 'signed') return null;
  const latest = newer?.[0];
  const rechecks = moveState?.rechecks ?? [];
  const lastMove = moveState?.lastMove;
  const titleOf = (itemId: string) => view.refs.get(itemId)?.item.title ?? itemId;

  if (latest === undefined && rechecks.length === 0 && lastMove === undefined) return null;
  return (
    <div className="run-version-panel">
      {latest !== undefined && (
        <p className="run-version-offer">
          <ArrowUpCircle aria-hidden size={16} />
          <span>
            {t('runs.move.available', {
              version: latest.version,
              title: definition.title,
              current: run.definitionVersion,
            })}
          </span>
          <Button className="button small" onPress={() => setPreviewing(true)}>
            {t('runs.move.preview', { version: latest.version })}
          </Button>
        </p>
      )}
      {lastMove !== undefined && (
        <p className="run-version-moved">
          <History aria-hidden size={16} />
          <span>
            {lastMove.fromVersion === undefined
              ? t('runs.move.moved', {
                  to: lastMove.toVersion,
                  date: formatDateTime(lastMove.at, i18n.language),
                  name: lastMove.by,
                })
              : t('runs.move.movedFrom', {
                  from: lastMove.fromVersion,
                  to: lastMove.toVersion,
                  date: formatDateTime(lastMove.at, i18n.language),
                  name: lastMove.by,
                })}
          </span>
        </p>
      )}
      {rechecks.length > 0 && (
        <section className="run-rechecks" aria-labelledby="run-rechecks-title">
          <h2 id="run-rechecks-title">
            <RotateCcw aria-hidden size={16} />
            {t('runs.move.recheckPanel', { count: rechecks.length })}
          </h2>
          <ul aria-label={t('runs.move.recheckLabel')}>
            {rechecks.map((entry) => (
              <li key={entry.itemId}>
                <Button
                  className="link-button"
                  aria-label={t('runs.move.open', { item: entry.itemId })}
                  onPress={() => onOpenItem(entry.itemId)}
                >
                  {titleOf(entry.itemId)}
                </Button>{' '}
                <code className="move-id">{entry.itemId}</code>{' '}
                <span className="muted small">{entry.reasons.join('; ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <MoveVersionDialog
        run={run}
        definition={definition}
        target={isPreviewing ? latest : undefined}
        profile={profile}
        onClose={() => setPreviewing(false)}
      />
    </div>
  );
}
