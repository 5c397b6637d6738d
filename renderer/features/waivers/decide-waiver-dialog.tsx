// The supervisor's decision on one waiver request: what was asked, by whom and why, then approve
// or refuse (a refusal says why). Signed with this device's key (decide-waiver.ts); in the desktop
// app main shows its own confirmation before the key is used.
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
import { ShieldCheck, ShieldX } from 'lucide-react';
import type { Profile } from '../../../core/people/profile';
import type { WaiverVerdict } from '../../../core/runs/waiver-decision';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { formatDateTime } from '../runs/dates';
import { decideWaiver, type WaiverToDecide } from './decide-waiver';
import './waivers.css';

interface DecideWaiverDialogProps {
  target: WaiverToDecide | null;
  profile: Profile;
  onClose: (decided?: WaiverVerdict) => void;
}

export function DecideWaiverDialog({ target, profile, onClose }: DecideWaiverDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={target !== null}
      onOpenChange={(isOpen) => !isOpen && onClose()}
    >
      <Modal className="modal wide">
        {target && (
          <DecisionForm
            key={`${target.runId}:${target.itemId}`}
            target={target}
            profile={profile}
            onClose={onClose}
          />
        )}
      </Modal>
    </ModalOverlay>
  );
}

function DecisionForm({
  target,
  profile,
  onClose,
}: {
  target: WaiverToDecide;
  profile: Profile;
  onClose: (decided?: WaiverVerdict) => void;
}) {
  const { t, i18n } = useTranslation();
  const [comment, setComment] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState<WaiverVerdict>();
  const [error, setError] = useState<string>();

  const decide = async (verdict: WaiverVerdict) => {
    if (verdict === 'refuse' && comment.trim() === '') return setInvalid(true);
    setBusy(verdict);
    setError(undefined);
    try {
      const result = await decideWaiver(
        {
          bridge,
          apply: (runId, action, actor) => services.runs.apply(runId, action, actor),
          language: i18n.language === 'es' ? 'es' : 'en',
        },
        target,
        profile,
        verdict,
        comment,
      );
      if (result.ok) onClose(verdict);
      else setError(result.error.message);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Dialog className="dialog">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void decide('approve');
        }}
      >
        <Heading slot="title">{t('waivers.decide.title', { item: target.itemTitle })}</Heading>
        <dl className="waiver-facts">
          <dt>{t('waivers.decide.run')}</dt>
          <dd>
            {target.office === target.runName
              ? target.runName
              : `${target.runName} · ${target.office}`}
          </dd>
          <dt>{t('waivers.decide.requestedBy')}</dt>
          <dd>
            {target.waiver.by.name}, {formatDateTime(target.waiver.at, i18n.language)}
          </dd>
          <dt>{t('waivers.decide.justification')}</dt>
          <dd className="preserve-lines">{target.waiver.justification}</dd>
        </dl>
        <p className="muted">{t('waivers.decide.help')}</p>
        <TextField
          className="field"
          value={comment}
          onChange={(value) => {
            setComment(value);
            setInvalid(false);
          }}
          isInvalid={isInvalid}
          validationBehavior="aria"
          autoFocus
        >
          <Label>{t('waivers.decide.comment')}</Label>
          <TextArea rows={3} />
          <span className="muted small">{t('waivers.decide.commentHelp')}</span>
          <FieldError>{t('waivers.decide.reasonRequired')}</FieldError>
        </TextField>
        <p className="muted small">{t('waivers.decide.consequence', { name: profile.name })}</p>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="button-row">
          <Button className="button" slot="close" isDisabled={busy !== undefined}>
            {t('waivers.decide.cancel')}
          </Button>
          <Button
            className="button danger"
            isDisabled={busy !== undefined}
            onPress={() => void decide('refuse')}
          >
            <ShieldX aria-hidden size={16} />{' '}
            {busy === 'refuse' ? t('waivers.decide.signing') : t('waivers.decide.refuse')}
          </Button>
          <Button className="button primary" type="submit" isDisabled={busy !== undefined}>
            <ShieldCheck aria-hidden size={16} />{' '}
            {busy === 'approve' ? t('waivers.decide.signing') : t('waivers.decide.approve')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
