// Under the run's toolbar, for a shared run: what the team situation asks of this user now. A
// removal (the hub no longer takes this user's changes; their unsent work stays on this device),
// the items in conflict, and the items ready for them because a dependency was finished on
// another laptop, with who finished it and when.
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { BellRing, GitFork, UserX } from 'lucide-react';
import { formatDateTime, formatDay } from '../runs/dates';
import type { RunTeam } from './use-run-team';

interface TeamBarProps {
  team: RunTeam;
  onOpenItem: (itemId: string) => void;
  onShowConflicts: () => void;
}

const READY_SHOWN = 5;

export function TeamBar({ team, onOpenItem, onShowConflicts }: TeamBarProps) {
  const { t, i18n } = useTranslation();
  if (!team.shared) return null;
  const { removedAt, conflicts, ready } = team;
  if (!removedAt && conflicts.size === 0 && ready.length === 0) return null;
  return (
    <div className="team-bar">
      {removedAt && (
        <p className="run-banner bad team-removed" role="alert">
          <UserX aria-hidden size={16} />
          <span>
            {t('team.removedBanner', {
              date: formatDay(removedAt.slice(0, 10), i18n.language),
            })}{' '}
            {team.unpushed > 0
              ? t('team.unsentKept', { count: team.unpushed })
              : t('team.nothingUnsent')}
          </span>
        </p>
      )}
      {conflicts.size > 0 && (
        <p className="run-banner warn team-conflicts" role="status">
          <GitFork aria-hidden size={16} />
          <span>{t('team.conflictsBanner', { count: conflicts.size })}</span>
          <Button className="button small" onPress={onShowConflicts}>
            {t('team.showConflicts')}
          </Button>
        </p>
      )}
      {ready.length > 0 && (
        <section className="team-ready" aria-labelledby="team-ready-title">
          <h2 id="team-ready-title">
            <BellRing aria-hidden size={15} /> {t('team.ready.title', { count: ready.length })}
          </h2>
          <ul>
            {ready.slice(0, READY_SHOWN).map((item) => (
              <li key={item.itemId}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpenItem(item.itemId)}
                >
                  {item.title}
                </button>{' '}
                <span className="muted small">
                  {t('team.ready.unblockedBy', {
                    name: item.unblockedBy.name,
                    time: formatDateTime(item.unblockedAt, i18n.language),
                  })}
                </span>
              </li>
            ))}
          </ul>
          {ready.length > READY_SHOWN && (
            <p className="muted small">
              {t('team.ready.more', { count: ready.length - READY_SHOWN })}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
