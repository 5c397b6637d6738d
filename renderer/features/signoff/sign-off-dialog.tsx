// Signing the site off: the gate must allow it; the dialog states what is still open (items by
// severity, waivers by state) before the signature; the administrator writes the lessons learned
// (what went wrong, what check was missing: input for the template's next version), then signs with
// the device key. The run freezes and the report waits in the outbox for the hub. After a
// send-back, the previous revision's lessons learned are carried over, editable (issue 16).
import { useEffect, useState } from 'react';
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
import { ShieldCheck } from 'lucide-react';
import type { Profile } from '../../../core/people/profile';
import type { GateResult } from '../../../core/runs';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { createDeviceSigner } from '../../bridge/device-signer';
import { GateBadge } from '../runs/status-badges';
import { FailingAnswersList } from './failing-answers-list';
import { OpenItemsSummary } from './open-items-summary';

interface SignOffDialogProps {
  runId: string;
  runName: string;
  gate: GateResult;
  profile: Profile;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}

export function SignOffDialog({
  runId,
  runName,
  gate,
  profile,
  isOpen,
  onOpenChange,
}: SignOffDialogProps) {
  const { t } = useTranslation();
  const [lessons, setLessons] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [carriedFrom, setCarriedFrom] = useState<number>();

  // Revision 2 and later start from the lessons learned of the revision they replace.
  useEffect(() => {
    if (!isOpen) return;
    let isCurrent = true;
    void services.reports.latestForRun(runId).then((previous) => {
      const previousLessons = previous?.signed.body.lessonsLearned ?? '';
      if (!isCurrent || !previous || previousLessons.trim() === '') return;
      setLessons((current) => (current.trim() === '' ? previousLessons : current));
      setCarriedFrom(previous.revision);
    });
    return () => {
      isCurrent = false;
    };
  }, [isOpen, runId]);

  const signOff = async () => {
    if (!lessons.trim()) return setInvalid(true);
    setBusy(true);
    setError(undefined);
    try {
      await services.reports.signOff({
        runId,
        office: profile.office,
        lessonsLearned: lessons.trim(),
        signer: createDeviceSigner(bridge, profile),
      });
      onOpenChange(false);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable={!isBusy}
      isOpen={isOpen}
      onOpenChange={onOpenChange}
    >
      <Modal className="modal wide">
        <Dialog className="dialog">
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              void signOff();
            }}
          >
            <Heading slot="title">{t('signoff.title', { name: runName })}</Heading>
            <p className="signoff-gate">
              <GateBadge decision={gate.decision} />
              {gate.waivers.length > 0 && (
                <span className="muted">
                  {t('signoff.withWaivers', { count: gate.waivers.length })}
                </span>
              )}
            </p>
            {gate.waivers.length > 0 && (
              <ul className="signoff-waivers">
                {gate.waivers.map((waiver) => (
                  <li key={waiver.itemId}>
                    <strong>{waiver.title}</strong>: {waiver.justification} ({waiver.by.name};{' '}
                    {t('signoff.approvedBy', { name: waiver.approvedBy.name })})
                  </li>
                ))}
              </ul>
            )}
            <OpenItemsSummary runId={runId} />
            <FailingAnswersList failing={gate.failing} />
            <TextField
              className="field"
              value={lessons}
              onChange={(value) => {
                setLessons(value);
                setInvalid(false);
              }}
              isRequired
              isInvalid={isInvalid}
              validationBehavior="aria"
              autoFocus
            >
              <Label>{t('signoff.lessons')}</Label>
              <TextArea rows={6} placeholder={t('signoff.lessonsPlaceholder')} />
              <span className="muted small">
                {carriedFrom === undefined
                  ? t('signoff.lessonsHelp')
                  : t('signoff.lessonsCarried', { revision: carriedFrom })}
              </span>
              <FieldError>{t('signoff.lessonsRequired')}</FieldError>
            </TextField>
            <p className="muted">{t('signoff.consequence', { name: profile.name })}</p>
            {error && (
              <p role="alert" className="form-error">
                {error}
              </p>
            )}
            <div className="button-row">
              <Button className="button" slot="close" isDisabled={isBusy}>
                {t('signoff.cancel')}
              </Button>
              <Button className="button primary" type="submit" isDisabled={isBusy}>
                <ShieldCheck aria-hidden size={16} />{' '}
                {isBusy ? t('signoff.signing') : t('signoff.sign')}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
