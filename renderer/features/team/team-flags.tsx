// Marks on an item row of a shared run: in conflict (changed on two devices at once) and ready for
// you (its last dependency was just finished on another laptop). An icon and a word each, never
// colour alone.
import { useTranslation } from 'react-i18next';
import { BellRing, GitFork } from 'lucide-react';
import { useRunTeamContext } from './use-run-team';

export function TeamItemFlags({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const team = useRunTeamContext();
  if (!team) return null;
  return (
    <>
      {team.conflicts.has(itemId) && (
        <span className="badge flag-conflict">
          <GitFork aria-hidden size={14} />
          {t('team.flags.conflict')}
        </span>
      )}
      {team.readyIds.has(itemId) && (
        <span className="badge flag-ready">
          <BellRing aria-hidden size={14} />
          {t('team.flags.ready')}
        </span>
      )}
    </>
  );
}
