// Bad news at the moment it happens: when an item is marked done (or a done item's value changed)
// while its value fails its check, the core refuses ('value-failing') and this dialog names the
// failure and asks for a conscious choice: mark it done anyway, with a reason recorded with the
// answer, or keep it open (keep the previous value). A blocking item is told that the gate stays
// at no-go until it is waived. The dialog is the shared ui/reason-dialog.tsx.
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';
import { ReasonDialog } from '../../ui/reason-dialog';
import type { RunCommands } from './run-actions';
import type { RunView } from './use-run-view';
import { failureText } from './failure-text';
import { useFailingAnswerStore, type FailingRequest } from './use-failing-answer-store';

export function FailingAnswerDialog({ view, commands }: { view: RunView; commands: RunCommands }) {
  const { t } = useTranslation();
  const request = useFailingAnswerStore((state) => state.request);
  const close = useFailingAnswerStore((state) => state.close);
  const isValueChange = request?.action.type === 'setValue';

  const markAnyway = async (reason: string) => {
    if (!request) return undefined;
    // A refusal is shown by the run's commands, as for any action; the dialog stays open.
    const ok = await commands.apply({ ...request.action, acceptFailing: true, reason });
    if (ok) close(false);
    return undefined;
  };

  return (
    <ReasonDialog
      formKey={
        request ? `${request.action.type}:${request.action.itemId}:${request.failure}` : null
      }
      // Not keeping a changed value gives it up: its editor shows the stored value again.
      onCancel={() => close(isValueChange)}
      className="failing-dialog"
      title={t('runs.failingDialog.title')}
      intro={request && <FailingIntro request={request} view={view} />}
      label={t('runs.failingDialog.reason')}
      rows={3}
      requiredMessage={t('runs.failingDialog.reasonRequired')}
      cancelLabel={
        isValueChange ? t('runs.failingDialog.keepPrevious') : t('runs.failingDialog.keepOpen')
      }
      actions={[
        {
          id: 'markAnyway',
          label: t('runs.failingDialog.markAnyway'),
          icon: <TriangleAlert aria-hidden size={15} />,
          tone: 'danger',
          needsText: true,
        },
      ]}
      onAction={(_markAnyway, reason) => markAnyway(reason)}
    />
  );
}

/** The item, its failure, what marking it done anyway means, and the gate's word if it blocks. */
function FailingIntro({ request, view }: { request: FailingRequest; view: RunView }) {
  const { t } = useTranslation();
  const { action } = request;
  const item = view.refs.get(action.itemId)?.item;
  return (
    <>
      <p>
        <strong>{item?.title ?? action.itemId}</strong>
      </p>
      <p className="run-banner bad">
        <TriangleAlert aria-hidden size={15} />{' '}
        {t('runs.detail.failure', { failure: failureText(t, request.failureDetail) })}
      </p>
      <p className="muted">
        {action.type === 'setValue'
          ? t('runs.failingDialog.helpValue')
          : t('runs.failingDialog.help')}
      </p>
      {item?.severity === 'blocking' && (
        <p className="muted">
          <strong>{t('runs.failingDialog.blockingHelp')}</strong>
        </p>
      )}
    </>
  );
}
