// Asks why, before an item is marked not applicable or blocked, or a blocking item is waived:
// the reason is required and recorded with who and when. Several selected items take one reason,
// each recorded as its own action (bulk-bar.tsx).
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
import type { RunCommands } from './run-actions';
import { useRunUiStore, type ReasonKind } from './use-run-ui-store';

const TITLES: Record<ReasonKind, string> = {
  'not-applicable': 'runs.reasonDialog.naTitle',
  blocked: 'runs.reasonDialog.blockedTitle',
  waive: 'runs.reasonDialog.waiveTitle',
};

const BULK_TITLES: Record<ReasonKind, string> = {
  'not-applicable': 'runs.bulk.naTitle',
  blocked: 'runs.bulk.blockedTitle',
  waive: 'runs.bulk.waiveTitle',
};

export function ReasonDialog({ commands }: { commands: RunCommands }) {
  const request = useRunUiStore((state) => state.reasonRequest);
  const close = useRunUiStore((state) => state.closeReason);
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={request !== null}
      onOpenChange={(isOpen) => !isOpen && close()}
    >
      <Modal className="modal">
        {request && (
          <ReasonForm
            key={`${request.kind}:${(request.itemIds ?? [request.itemId]).join(',')}`}
            kind={request.kind}
            itemIds={request.itemIds ?? [request.itemId]}
            commands={commands}
            onDone={close}
          />
        )}
      </Modal>
    </ModalOverlay>
  );
}

function ReasonForm({
  kind,
  itemIds,
  commands,
  onDone,
}: {
  kind: ReasonKind;
  itemIds: string[];
  commands: RunCommands;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const submit = async () => {
    if (!text.trim()) return setInvalid(true);
    // One action per item, in order; the first refusal stops and is shown with its item's name.
    for (const itemId of itemIds) {
      const ok =
        kind === 'waive'
          ? await commands.apply({ type: 'waive', itemId, justification: text.trim() })
          : await commands.apply({ type: 'setStatus', itemId, status: kind, reason: text.trim() });
      if (!ok) return;
    }
    onDone();
  };
  return (
    <Dialog className="dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Heading slot="title">
          {itemIds.length > 1 ? t(BULK_TITLES[kind], { count: itemIds.length }) : t(TITLES[kind])}
        </Heading>
        {kind === 'blocked' && <p className="muted">{t('runs.reasonDialog.blockedHelp')}</p>}
        {kind === 'waive' && <p className="muted">{t('runs.reasonDialog.waiveHelp')}</p>}
        <TextField
          className="field"
          value={text}
          onChange={(value) => {
            setText(value);
            setInvalid(false);
          }}
          isInvalid={isInvalid}
          isRequired
          validationBehavior="aria"
          autoFocus
        >
          <Label>
            {kind === 'waive'
              ? t('runs.reasonDialog.justification')
              : t('runs.reasonDialog.reason')}
          </Label>
          <TextArea
            rows={4}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
            }}
          />
          <FieldError>{t('runs.reasonDialog.required')}</FieldError>
        </TextField>
        <div className="button-row">
          <Button className="button" slot="close">
            {t('runs.reasonDialog.cancel')}
          </Button>
          <Button className="button primary" type="submit">
            {t('runs.reasonDialog.confirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
