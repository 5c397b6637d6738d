// Who an item of a shared run is for, on the item's detail: "Reassigned to Network · Nils Network,
// by Tara, 5 Dec 14:50" when the owner moved it (the latest assign event of its history), and the
// owner's "Reassign…" button. Nothing shows on a local run.
import { useTranslation } from 'react-i18next';
import { UserRoundPen } from 'lucide-react';
import { departmentTitle, type ItemRef } from '../../../core/runs';
import { formatDateTime } from '../runs/dates';
import type { RunView } from '../runs/use-run-view';
import { canReassign, ReassignButton } from './reassign-dialog';
import { useRunTeamContext } from './use-run-team';

export function ItemAssignment({ view, itemRef }: { view: RunView; itemRef: ItemRef }) {
  const { t, i18n } = useTranslation();
  const team = useRunTeamContext();
  if (!team?.shared) return null;
  const itemId = itemRef.item.id;
  const assignee = view.answers.get(itemId)?.assignee;
  const history = (team.log?.eventsOfItem(itemId) ?? []).filter((e) => e.type === 'assign');
  const latest = history.reduce<(typeof history)[number] | undefined>(
    (last, event) => (!last || event.at > last.at ? event : last),
    undefined,
  );
  const mayReassign = canReassign(view, team);
  if (!assignee && !mayReassign) return null;
  return (
    <div className="item-assignment">
      {assignee && (
        <p className="assignment-line">
          <UserRoundPen aria-hidden size={15} />
          <span>
            {assignee.person
              ? t('team.reassign.toPerson', {
                  department: departmentTitle(view.definition, assignee.department),
                  name: assignee.person.name,
                })
              : t('team.reassign.toDepartment', {
                  department: departmentTitle(view.definition, assignee.department),
                })}
            {latest &&
              ` ${t('team.reassign.by', {
                name: latest.actor.name,
                time: formatDateTime(latest.at, i18n.language),
              })}`}
          </span>
        </p>
      )}
      {mayReassign && <ReassignButton view={view} team={team} itemIds={[itemId]} />}
    </div>
  );
}
