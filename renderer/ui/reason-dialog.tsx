// A modal that asks for a written reason before an action: a title, what the action is about, one
// text field, and one or more action buttons, some of which need the text (marking blocked, a
// waiver request, refusing a waiver) and some of which do not (approving a waiver). Enter in the
// form or Ctrl+Enter in the field runs the first action; while an action runs every button waits,
// and a failure it reports is shown in the dialog. Used by the run's reason dialog
// (features/runs/reason-dialog.tsx), the failing answer's "done anyway" (features/runs/
// failing-answer-dialog.tsx) and the supervisor's waiver decision (features/waivers).
import { useState, type ReactElement, type ReactNode } from 'react';
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

export interface ReasonAction<Id extends string> {
  id: Id;
  label: string;
  /** Shown on the button while its action runs ("Signing…"). */
  busyLabel?: string;
  icon?: ReactElement;
  tone: 'primary' | 'danger';
  /** The text may not be empty for this action. */
  needsText: boolean;
}

export interface ReasonDialogProps<Id extends string> {
  /** The dialog shows while this is set; a new key starts a new, empty form. */
  formKey: string | null;
  onCancel: () => void;
  isWide?: boolean;
  /** A class more on the dialog, for a feature's styles (or a test) to find it by. */
  className?: string;
  title: string;
  /** What the action is about, above the field. */
  intro?: ReactNode;
  label: string;
  help?: string;
  /** The text the field starts with (a carried-over draft); empty when not given. */
  initialText?: string;
  placeholder?: string;
  rows: number;
  /** Said when an action that needs the text is asked with none. */
  requiredMessage: string;
  /** Below the field, above the buttons. */
  note?: ReactNode;
  cancelLabel: string;
  /** The first is the default (Enter, Ctrl+Enter); the buttons show in reverse, default last. */
  actions: ReasonAction<Id>[];
  /** Runs the action with the trimmed text; a message to show when it failed, else undefined. */
  onAction: (id: Id, text: string) => Promise<string | undefined>;
}

export function ReasonDialog<Id extends string>(props: ReasonDialogProps<Id>) {
  const { formKey, onCancel, isWide = false } = props;
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={formKey !== null}
      onOpenChange={(isOpen) => !isOpen && onCancel()}
    >
      <Modal className={isWide ? 'modal wide' : 'modal'}>
        {formKey !== null && <ReasonForm key={formKey} {...props} />}
      </Modal>
    </ModalOverlay>
  );
}

function ReasonForm<Id extends string>({
  className,
  title,
  intro,
  label,
  help,
  initialText = '',
  placeholder,
  rows,
  requiredMessage,
  note,
  cancelLabel,
  actions,
  onAction,
}: ReasonDialogProps<Id>) {
  const [text, setText] = useState(initialText);
  const [isInvalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState<Id>();
  const [error, setError] = useState<string>();

  const run = async (action: ReasonAction<Id>) => {
    if (busy !== undefined) return;
    if (action.needsText && text.trim() === '') return setInvalid(true);
    setBusy(action.id);
    setError(undefined);
    try {
      setError(await onAction(action.id, text.trim()));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(undefined);
    }
  };
  const [first] = actions;
  const runDefault = () => {
    if (first) void run(first);
  };

  return (
    <Dialog className={className ? `dialog ${className}` : 'dialog'}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          runDefault();
        }}
      >
        <Heading slot="title">{title}</Heading>
        {intro}
        <TextField
          className="field"
          value={text}
          onChange={(value) => {
            setText(value);
            setInvalid(false);
          }}
          isInvalid={isInvalid}
          isRequired={actions.every((action) => action.needsText)}
          validationBehavior="aria"
          autoFocus
        >
          <Label>{label}</Label>
          <TextArea
            rows={rows}
            {...(placeholder === undefined ? {} : { placeholder })}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) runDefault();
            }}
          />
          {help && <span className="muted small">{help}</span>}
          <FieldError>{requiredMessage}</FieldError>
        </TextField>
        {note}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="button-row">
          <Button className="button" slot="close" isDisabled={busy !== undefined}>
            {cancelLabel}
          </Button>
          {[...actions].reverse().map((action) => (
            <Button
              key={action.id}
              className={`button ${action.tone}`}
              type={action === first ? 'submit' : 'button'}
              isDisabled={busy !== undefined}
              onPress={action === first ? undefined : () => void run(action)}
            >
              {action.icon}
              {action.icon ? ' ' : ''}
              {busy === action.id && action.busyLabel ? action.busyLabel : action.label}
            </Button>
          ))}
        </div>
      </form>
    </Dialog>
  );
}
