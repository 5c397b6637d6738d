// What the sign-off dialog shows, on the shared ui/reason-dialog.tsx (the modal, the required text
// field, the busy buttons and the error it reports): the gate with its waivers, what is still open,
// the failing answers, the evidence files not on this device, the lessons learned (carried over
// from the revision a send-back replaced) and who signs. While files are missing the only way to
// sign says so, "Sign off without 2 files", and the note says what that means: the report lists
// them as not included. Fed by sign-off-dialog.tsx (the database, sync and the device key).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ShieldCheck, TriangleAlert } from 'lucide-react';
import type { GateResult } from '../../../core/runs';
import { ReasonDialog, type ReasonAction } from '../../ui/reason-dialog';
import { GateBadge } from '../runs/status-badges';
import { FailingAnswersList } from './failing-answers-list';
import type { MissingEvidencePanelProps } from './missing-evidence-panel';
import { MissingEvidencePanel } from './missing-evidence-panel';
import type { MissingFile } from './missing-evidence';
import { missingHashes } from './missing-evidence';

type SignAction = 'sign' | 'signWithout';

export interface SignOffFormProps {
  /** The dialog shows while this is set. */
  formKey: string | null;
  runName: string;
  gate: GateResult;
  signerName: string;
  lessons: { text: string; carriedFrom?: number };
  /** What is still open (it reads the run itself). */
  openItems?: ReactNode;
  evidence: MissingEvidencePanelProps & { missing: readonly MissingFile[] | undefined };
  onCancel: () => void;
  /** Signs with the lessons learned, naming the files accepted as not included; an error or undefined. */
  onSign: (lessons: string, notIncludedAccepted: readonly string[]) => Promise<string | undefined>;
}

export function SignOffForm({
  formKey,
  runName,
  gate,
  signerName,
  lessons,
  openItems,
  evidence,
  onCancel,
  onSign,
}: SignOffFormProps) {
  const { t } = useTranslation();
  const accepted = missingHashes(evidence.missing ?? []);
  const action: ReasonAction<SignAction> =
    accepted.length > 0
      ? {
          id: 'signWithout',
          label: t('signoff.signWithout', { count: accepted.length }),
          busyLabel: t('signoff.signing'),
          icon: <TriangleAlert aria-hidden size={16} />,
          tone: 'danger',
          needsText: true,
        }
      : {
          id: 'sign',
          label: t('signoff.sign'),
          busyLabel: t('signoff.signing'),
          icon: <ShieldCheck aria-hidden size={16} />,
          tone: 'primary',
          needsText: true,
        };
  return (
    <ReasonDialog<SignAction>
      formKey={formKey}
      onCancel={onCancel}
      isWide
      className="signoff-dialog"
      title={t('signoff.title', { name: runName })}
      intro={
        <>
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
          {openItems}
          <FailingAnswersList failing={gate.failing} />
          <MissingEvidencePanel {...evidence} />
        </>
      }
      label={t('signoff.lessons')}
      placeholder={t('signoff.lessonsPlaceholder')}
      initialText={lessons.text}
      help={
        lessons.carriedFrom === undefined
          ? t('signoff.lessonsHelp')
          : t('signoff.lessonsCarried', { revision: lessons.carriedFrom })
      }
      rows={6}
      requiredMessage={t('signoff.lessonsRequired')}
      note={
        <>
          {accepted.length > 0 && (
            <p className="signoff-missing-consequence">
              <TriangleAlert aria-hidden size={15} /> {t('signoff.missing.consequence')}
            </p>
          )}
          <p className="muted">{t('signoff.consequence', { name: signerName })}</p>
        </>
      }
      cancelLabel={t('signoff.cancel')}
      actions={[action]}
      onAction={(id, text) => onSign(text, id === 'signWithout' ? accepted : [])}
    />
  );
}
