// The supervisor's decision on one waiver request: what was asked, by whom and why, then approve
// or refuse (a refusal says why). Signed with this device's key (decide-waiver.ts); in the desktop
// app main shows its own confirmation before the key is used. The dialog is ui/reason-dialog.tsx.
import { useTranslation } from 'react-i18next';
import { ShieldCheck, ShieldX } from 'lucide-react';
import type { Profile } from '../../../core/people/profile';
import type { WaiverVerdict } from '../../../core/runs/waiver-decision';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { ReasonDialog } from '../../ui/reason-dialog';
import { formatDateTime } from '../runs/dates';
import { decideWaiver, type WaiverToDecide } from './decide-waiver';
import './waivers.css';

interface DecideWaiverDialogProps {
  target: WaiverToDecide | null;
  profile: Profile;
  onClose: (decided?: WaiverVerdict) => void;
}

export function DecideWaiverDialog({ target, profile, onClose }: DecideWaiverDialogProps) {
  const { t, i18n } = useTranslation();
  const decide = async (verdict: WaiverVerdict, comment: string) => {
    if (!target) return undefined;
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
    if (!result.ok) return result.error.message;
    onClose(verdict);
    return undefined;
  };

  return (
    <ReasonDialog<WaiverVerdict>
      formKey={target ? `${target.runId}:${target.itemId}` : null}
      onCancel={() => onClose()}
      isWide
      title={target ? t('waivers.decide.title', { item: target.itemTitle }) : ''}
      intro={
        target && (
          <>
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
          </>
        )
      }
      label={t('waivers.decide.comment')}
      help={t('waivers.decide.commentHelp')}
      rows={3}
      requiredMessage={t('waivers.decide.reasonRequired')}
      note={
        <p className="muted small">{t('waivers.decide.consequence', { name: profile.name })}</p>
      }
      cancelLabel={t('waivers.decide.cancel')}
      actions={[
        {
          id: 'approve',
          label: t('waivers.decide.approve'),
          busyLabel: t('waivers.decide.signing'),
          icon: <ShieldCheck aria-hidden size={16} />,
          tone: 'primary',
          needsText: false,
        },
        {
          id: 'refuse',
          label: t('waivers.decide.refuse'),
          busyLabel: t('waivers.decide.signing'),
          icon: <ShieldX aria-hidden size={16} />,
          tone: 'danger',
          needsText: true,
        },
      ]}
      onAction={decide}
    />
  );
}
