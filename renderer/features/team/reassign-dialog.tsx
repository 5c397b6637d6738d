// "Reassign…" (issue 13, point 4): on a shared run the owner hands one item, or the items selected
// in the list, to another department of the run, optionally to one member by name. Each item gets an
// `assign` event (core/runs/assignment.ts) on this device's chain, offline like any tick; the next
// sync carries it to every member, whose "My items", "Ready for you" and chain follow. The people
// offered are the run's members as this device last heard them from the hub, so it works offline.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { TriangleAlert, UserRoundPen } from 'lucide-react';
import i18next from 'i18next';
import { assignedDepartment, type Action } from '../../../core/runs';
import type { RunMember } from '../../../core/sync';
import { services } from '../../app/services';
import { SelectField } from '../../ui/select-field';
import { useProfile } from '../profile/use-profile';
import { actorOf } from '../runs/run-actions';
import { refusalText } from '../runs/refusal-text';
import type { RunView } from '../runs/use-run-view';
import type { RunTeam } from './use-run-team';

/** "Nobody by name": the whole department. */
const ANYONE = '';

interface ReassignProps {
  view: RunView;
  team: RunTeam;
  itemIds: readonly string[];
  /** The bulk bar's smaller button. */
  isSmall?: boolean;
}

/** Whether this user may reassign items of this run: its owner, on a shared run not signed. */
export function canReassign(view: RunView, team: RunTeam | undefined): team is RunTeam {
  return Boolean(team?.shared && team.isOwner && view.run.state !== 'signed');
}

export function ReassignButton({ view, team, itemIds, isSmall = false }: ReassignProps) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className={isSmall ? 'button small' : 'button'}>
        <UserRoundPen aria-hidden size={isSmall ? 14 : 15} />
        {itemIds.length > 1
          ? t('team.reassign.buttonMany', { count: itemIds.length })
          : t('team.reassign.button')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal reassign-modal">
          <ReassignDialog view={view} team={team} itemIds={itemIds} />
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** The members who can take an item: everyone still on the run, the owner included. */
function peopleOf(team: RunTeam): Pick<RunMember, 'userId' | 'name' | 'departments'>[] {
  const info = team.shared?.info;
  if (!info) return [];
  const members = info.members.filter((member) => !member.removedAt);
  const owner = { userId: info.owner.userId, name: info.owner.name, departments: [] };
  return [owner, ...members.filter((member) => member.userId !== owner.userId)];
}

function ReassignDialog({ view, team, itemIds }: ReassignProps) {
  const { t } = useTranslation();
  const profile = useProfile();
  const first = view.refs.get(itemIds[0] ?? '');
  const firstAnswer = first ? view.answers.get(first.item.id) : undefined;
  const [department, setDepartment] = useState(
    first ? assignedDepartment(first, firstAnswer) : (view.definition.departments[0]?.id ?? ''),
  );
  const [person, setPerson] = useState(firstAnswer?.assignee?.person?.id ?? ANYONE);
  const [problem, setProblem] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const people = peopleOf(team);
  // Members of the chosen department first, then the others (a person may take any item).
  const ordered = [
    ...people.filter((p) => p.departments.includes(department)),
    ...people.filter((p) => !p.departments.includes(department)),
  ];
  const titles = itemIds.map((id) => view.refs.get(id)?.item.title ?? id);

  const reassign = async (close: () => void) => {
    if (!profile) return;
    setBusy(true);
    setProblem(undefined);
    const chosen = people.find((p) => p.userId === person);
    try {
      for (const itemId of itemIds) {
        const action: Action = {
          type: 'assign',
          itemId,
          department,
          ...(chosen ? { person: { id: chosen.userId, name: chosen.name } } : {}),
        };
        const result = await services.runs.apply(view.run.id, action, actorOf(profile));
        // Several items: one already there is no failure, the others still move.
        if (!result.ok && !(itemIds.length > 1 && result.error.code === 'assign-refused')) {
          setProblem(
            refusalText(i18next.t, result.error, view.refs.get(itemId)?.item.title ?? itemId),
          );
          return;
        }
      }
      close();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog className="dialog reassign-dialog">
      {({ close }) => (
        <>
          <Heading slot="title">
            {itemIds.length > 1
              ? t('team.reassign.titleMany', { count: itemIds.length })
              : t('team.reassign.title', { title: titles[0] ?? '' })}
          </Heading>
          <p className="muted">{t('team.reassign.intro')}</p>
          <SelectField
            label={t('team.reassign.department')}
            value={department}
            options={view.definition.departments.map((d) => ({ id: d.id, label: d.title }))}
            onChange={setDepartment}
          />
          <SelectField
            label={t('team.reassign.person')}
            value={person === ANYONE ? 'anyone' : person}
            options={[
              { id: 'anyone', label: t('team.reassign.anyone') },
              ...ordered.map((p) => ({ id: p.userId, label: p.name })),
            ]}
            onChange={(id) => setPerson(id === 'anyone' ? ANYONE : id)}
            description={t('team.reassign.personHelp')}
          />
          {problem && (
            <p className="team-error" role="alert">
              <TriangleAlert aria-hidden size={16} />
              <span>{problem}</span>
            </p>
          )}
          <div className="button-row">
            <Button className="button" slot="close">
              {t('team.reassign.cancel')}
            </Button>
            <Button
              className="button primary"
              isDisabled={isBusy || !profile || department === ''}
              onPress={() => void reassign(close)}
            >
              {t('team.reassign.confirm')}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
