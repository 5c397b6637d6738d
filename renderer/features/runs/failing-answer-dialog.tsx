// Bad news at the moment it happens: when an item is marked done (or a done item's value changed)
// while its value fails its check, the core refuses ('value-failing') and this dialog names the
// failure and asks for a conscious choice: mark it done anyway, with a reason recorded with the
// answer, or keep it open (keep the previous value). A blocking item is told that the gate stays
// at no-go until it is waived.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Dialog,
  FieldError,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  TextArea,
  TextField,
} from 'react-aria-components';
import { TriangleAlert } from 'lucide-react';
import type { RunCommands } from './run-actions';
import type { RunView } from './use-run-view';
import { failureText } from './failure-text';
import { useFailingAnswerStore, type FailingRequest } from './use-failing-answer-store';

export function FailingAnswerDialog({ view, commands }: { view: RunView; commands: RunCommands }) {
  const request = useFailingAnswerStore((state) => state.request);
  const close = useFailingAnswerStore((state) => state.close);
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={request !== null}
      onOpenChange={(isOpen) => !isOpen && close(request?.action.type === 'setValue')}
    >
      <Modal className="modal">
        {request && (
          <FailingAnswerForm
            key={`${request.action.type}:${request.action.itemId}:${request.failure}`}
            request={request}
            view={view}
            commands={commands}
            onDone={() => close(false)}
          />
        )}
      </Modal>
    </ModalOverlay>
  );
}

function FailingAnswerForm({
  request,
  view,
  commands,
  onDone,
}: {
  request: FailingRequest;
  view: RunView;
  commands: RunCommands;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const { action } = request;
  const item = view.refs.get(action.itemId)?.item;
  const isValueChange = action.type === 'setValue';
  const submit = async () => {
    if (!reason.trim()) return setInvalid(true);
    const ok = await commands.apply({ ...action, acceptFailing: true, reason: reason.trim() });
    if (ok) onDone();
  };
  return (
    <Dialog className="dialog failing-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Heading slot="title">{t('runs.failingDialog.title')}</Heading>
        <p>
          <strong>{item?.title ?? action.itemId}</strong>
        </p>
        <p className="run-banner bad">
          <TriangleAlert aria-hidden size={15} />{' '}
          {t('runs.detail.failure', { failure: failureText(t, request.failureDetail) })}
        </p>
        <p className="muted">
          {isValueChange ? t('runs.failingDialog.helpValue') : t('runs.failingDialog.help')}
        </p>
        {item?.severity === 'blocking' && (
          <p className="muted">
            <strong>{t('runs.failingDialog.blockingHelp')}</strong>
          </p>
        )}
        <TextField
          className="field"
          value={reason}
          onChange={(value) => {
            setReason(value);
            setInvalid(false);
          }}
          isInvalid={isInvalid}
          isRequired
          validationBehavior="aria"
          autoFocus
        >
          <Label>{t('runs.failingDialog.reason')}</Label>
          <TextArea
            rows={3}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
            }}
          />
          <FieldError>{t('runs.failingDialog.reasonRequired')}</FieldError>
        </TextField>
        <div className="button-row">
          <Button className="button" slot="close">
            {isValueChange
              ? t('runs.failingDialog.keepPrevious')
              : t('runs.failingDialog.keepOpen')}
          </Button>
          <Button className="button danger" type="submit">
            <TriangleAlert aria-hidden size={15} /> {t('runs.failingDialog.markAnyway')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
