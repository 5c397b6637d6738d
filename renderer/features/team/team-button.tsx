// The run header's way into the team: "Team" with the number of members on a shared run, "Share…"
// on a run its owner can still share (connected to a hub as an administrator or coordinator).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Share2, Users } from 'lucide-react';
import type { RunView } from '../runs/use-run-view';
import { TeamDialog } from './team-dialog';
import type { RunTeam } from './use-run-team';

export function TeamButton({ view, team }: { view: RunView; team: RunTeam }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  if (!team.shared && !team.canShare) return null;
  const members = team.shared?.info.members.filter((member) => !member.removedAt).length ?? 0;
  return (
    <>
      <Button className="button" onPress={() => setOpen(true)}>
        {team.shared ? (
          <>
            <Users aria-hidden size={16} /> {t('team.button', { count: members })}
          </>
        ) : (
          <>
            <Share2 aria-hidden size={16} /> {t('team.shareButton')}
          </>
        )}
      </Button>
      <TeamDialog view={view} team={team} isOpen={isOpen} onOpenChange={setOpen} />
    </>
  );
}
