// The run's team: who owns it and who works on it (role, departments on this run, since when,
// removed or not). Its owner shares a run that is not shared yet, adds people and removes a
// member (after a confirmation); everyone else reads it. Every change needs the hub now; when the
// hub does not answer, the dialog says so and nothing on this device changes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { CircleCheck, Crown, TriangleAlert, UserCheck, UserMinus, UserX } from 'lucide-react';
import type { RunMember } from '../../../core/sync';
import type { HubConnection } from '../../sync/hub-connection';
import { formatDay } from '../runs/dates';
import type { RunView } from '../runs/use-run-view';
import { PeoplePicker } from './people-picker';
import {
  addMembers,
  removeMember,
  shareWith,
  type ChosenMember,
  type TeamFailure,
  type TeamResult,
} from './team-actions';
import { departmentList, failureText } from './team-text';
import type { RunTeam } from './use-run-team';

interface TeamDialogProps {
  view: RunView;
  team: RunTeam;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}

type Feedback = { tone: 'ok'; text: string } | { tone: 'error'; text: string } | null;

export function TeamDialog({ view, team, isOpen, onOpenChange }: TeamDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={isOpen}
      onOpenChange={onOpenChange}
    >
      <Modal className="modal wide team-modal">
        <TeamDialogBody view={view} team={team} />
      </Modal>
    </ModalOverlay>
  );
}

function TeamDialogBody({ view, team }: { view: RunView; team: RunTeam }) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const { shared, connection } = team;
  const report = (outcome: TeamResult<unknown>, done: string): boolean => {
    if (outcome.ok) setFeedback({ tone: 'ok', text: done });
    else setFeedback({ tone: 'error', text: failureText(t, outcome as TeamFailure) });
    return outcome.ok;
  };
  return (
    <Dialog className="dialog team-dialog">
      <Heading slot="title">
        {shared
          ? t('team.title', { name: view.run.name })
          : t('team.shareTitle', { name: view.run.name })}
      </Heading>
      {shared ? (
        <SharedTeam view={view} team={team} report={report} />
      ) : team.canShare && connection ? (
        <ShareRun view={view} connection={connection} report={report} />
      ) : (
        <p className="muted">{t('team.cannotShare')}</p>
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
      <div className="button-row">
        <Button className="button" slot="close">
          {t('team.close')}
        </Button>
      </div>
    </Dialog>
  );
}

type Report = (outcome: TeamResult<unknown>, done: string) => boolean;

function ShareRun({
  view,
  connection,
  report,
}: {
  view: RunView;
  connection: HubConnection;
  report: Report;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<ChosenMember[]>([]);
  const [isBusy, setBusy] = useState(false);
  const share = async () => {
    setBusy(true);
    const outcome = await shareWith(connection, view.run, chosen);
    setBusy(false);
    if (report(outcome, t('team.shared', { count: chosen.length }))) setChosen([]);
  };
  return (
    <section aria-labelledby="team-share-heading" className="team-section">
      <h3 id="team-share-heading">{t('team.choosePeople')}</h3>
      <p className="muted">{t('team.shareIntro')}</p>
      <PeoplePicker
        connection={connection}
        definition={view.definition}
        exclude={new Set()}
        chosen={chosen}
        onChosenChange={setChosen}
      />
      <Button
        className="button primary"
        isDisabled={chosen.length === 0 || isBusy}
        onPress={() => void share()}
      >
        {t('team.share', { count: chosen.length })}
      </Button>
    </section>
  );
}

function SharedTeam({ view, team, report }: { view: RunView; team: RunTeam; report: Report }) {
  const { t } = useTranslation();
  const { shared, connection, isOwner } = team;
  const [chosen, setChosen] = useState<ChosenMember[]>([]);
  const [removing, setRemoving] = useState<RunMember | null>(null);
  const [isBusy, setBusy] = useState(false);
  if (!shared) return null;
  const { info } = shared;
  const onRun = new Set([
    info.owner.userId,
    ...info.members.filter((m) => !m.removedAt).map((m) => m.userId),
  ]);
  const add = async () => {
    if (!connection) return;
    setBusy(true);
    const outcome = await addMembers(connection, info.runId, chosen);
    setBusy(false);
    if (report(outcome, t('team.added', { count: chosen.length }))) setChosen([]);
  };
  const remove = async (member: RunMember) => {
    if (!connection) return;
    setBusy(true);
    const outcome = await removeMember(connection, info.runId, member.userId);
    setBusy(false);
    setRemoving(null);
    report(outcome, t('team.removed', { name: member.name }));
  };
  return (
    <>
      <p className="team-owner">
        <Crown aria-hidden size={16} />{' '}
        {t('team.owner', { name: info.owner.name, role: t(`roles.${info.owner.role}`) })}
      </p>
      <MembersTable
        view={view}
        members={info.members}
        isOwner={isOwner}
        isBusy={isBusy}
        onRemove={setRemoving}
      />
      {isOwner && connection && (
        <section aria-labelledby="team-add-heading" className="team-section">
          <h3 id="team-add-heading">{t('team.addPeople')}</h3>
          <PeoplePicker
            connection={connection}
            definition={view.definition}
            exclude={onRun}
            chosen={chosen}
            onChosenChange={setChosen}
          />
          <Button
            className="button primary"
            isDisabled={chosen.length === 0 || isBusy}
            onPress={() => void add()}
          >
            {t('team.add', { count: chosen.length })}
          </Button>
        </section>
      )}
      {!isOwner && <p className="muted small">{t('team.ownerOnly')}</p>}
      <ConfirmRemove
        member={removing}
        runName={view.run.name}
        isBusy={isBusy}
        onCancel={() => setRemoving(null)}
        onConfirm={(member) => void remove(member)}
      />
    </>
  );
}

function MembersTable({
  view,
  members,
  isOwner,
  isBusy,
  onRemove,
}: {
  view: RunView;
  members: readonly RunMember[];
  isOwner: boolean;
  isBusy: boolean;
  onRemove: (member: RunMember) => void;
}) {
  const { t, i18n } = useTranslation();
  if (members.length === 0) return <p className="muted">{t('team.members.none')}</p>;
  return (
    <table className="data-table team-members" aria-label={t('team.members.label')}>
      <thead>
        <tr>
          <th scope="col">{t('team.members.name')}</th>
          <th scope="col">{t('team.members.role')}</th>
          <th scope="col">{t('team.members.departments')}</th>
          <th scope="col">{t('team.members.state')}</th>
          {isOwner && (
            <th scope="col">
              <span className="team-sr-only">{t('team.members.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.userId} className={member.removedAt ? 'is-removed' : undefined}>
            <th scope="row">{member.name}</th>
            <td>{t(`roles.${member.role}`)}</td>
            <td>{departmentList(view.definition, member.departments) || '—'}</td>
            <td>
              {member.removedAt ? (
                <span className="badge member-removed">
                  <UserX aria-hidden size={14} />
                  {t('team.members.removedOn', {
                    date: formatDay(member.removedAt.slice(0, 10), i18n.language),
                  })}
                </span>
              ) : (
                <span className="badge member-active">
                  <UserCheck aria-hidden size={14} />
                  {t('team.members.activeSince', {
                    date: formatDay(member.addedAt.slice(0, 10), i18n.language),
                  })}
                </span>
              )}
            </td>
            {isOwner && (
              <td>
                {!member.removedAt && (
                  <Button
                    className="button small danger"
                    isDisabled={isBusy}
                    onPress={() => onRemove(member)}
                    aria-label={t('team.members.removeName', { name: member.name })}
                  >
                    <UserMinus aria-hidden size={14} /> {t('team.members.remove')}
                  </Button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConfirmRemove({
  member,
  runName,
  isBusy,
  onCancel,
  onConfirm,
}: {
  member: RunMember | null;
  runName: string;
  isBusy: boolean;
  onCancel: () => void;
  onConfirm: (member: RunMember) => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={member !== null}
      onOpenChange={(isOpen) => !isOpen && onCancel()}
    >
      <Modal className="modal">
        {member && (
          <Dialog className="dialog" role="alertdialog">
            <Heading slot="title">
              {t('team.confirmRemove.title', { name: member.name, run: runName })}
            </Heading>
            <p>{t('team.confirmRemove.body', { name: member.name })}</p>
            <div className="button-row">
              <Button className="button" slot="close" autoFocus>
                {t('team.confirmRemove.cancel', { name: member.name })}
              </Button>
              <Button
                className="button danger"
                isDisabled={isBusy}
                onPress={() => onConfirm(member)}
              >
                <UserMinus aria-hidden size={15} /> {t('team.confirmRemove.confirm')}
              </Button>
            </div>
          </Dialog>
        )}
      </Modal>
    </ModalOverlay>
  );
}
