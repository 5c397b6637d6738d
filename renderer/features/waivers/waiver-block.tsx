// The waiver part of the item detail (issue 16, four eyes). An administrator's waiver of a blocking
// item is a request: it shows "Waiver pending" until a supervisor of the office approves or
// refuses it with their own key, and only an approved waiver lets the gate pass. The requester may
// withdraw it; a supervisor (someone else) decides it here on their own app.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { ShieldCheck } from 'lucide-react';
import type { Answer } from '../../../core/runs';
import { services } from '../../app/services';
import { formatDateTime } from '../runs/dates';
import type { RunCommands } from '../runs/run-actions';
import { useRunUiStore } from '../runs/use-run-ui-store';
import { useProfile } from '../profile/use-profile';
import { DecideWaiverDialog } from './decide-waiver-dialog';
import { runOfficeOf } from './use-waivers-awaiting';
import { WaiverBadge } from './waiver-badge';
import { waiverStateOf } from './waiver-state';
import './waivers.css';

interface WaiverBlockProps {
  run: { id: string; name: string };
  item: { id: string; title: string };
  answer: Answer | undefined;
  isDisabled: boolean;
  commands: RunCommands;
}

export function WaiverBlock({ run, item, answer, isDisabled, commands }: WaiverBlockProps) {
  const { t, i18n } = useTranslation();
  const askReason = useRunUiStore((state) => state.askReason);
  const profile = useProfile();
  const shared = useLiveQuery(() => services.sharedRuns.get(run.id), [run.id]);
  const [isDeciding, setDeciding] = useState(false);
  const waiver = answer?.waiver;
  const state = waiverStateOf(waiver);
  if (answer?.status === 'done' && !waiver) return null;
  const decision = waiver?.decision;
  const canDecide =
    waiver !== undefined &&
    decision === undefined &&
    profile?.role === 'supervisor' &&
    profile.id !== waiver.by.id;

  return (
    <div className="detail-block">
      <h3>
        <ShieldCheck aria-hidden size={15} /> {t('waivers.heading')}
      </h3>
      {waiver && state ? (
        <>
          <p className="waiver-status">
            <WaiverBadge state={state} />
          </p>
          <p>
            {t('waivers.requestedBy', {
              name: waiver.by.name,
              time: formatDateTime(waiver.at, i18n.language),
              justification: waiver.justification,
            })}
          </p>
          {state === 'pending' && <p className="muted">{t('waivers.awaitsSupervisor')}</p>}
          {decision && state === 'approved' && (
            <p>
              {t('waivers.approvedBy', {
                name: decision.by.name,
                time: formatDateTime(decision.at, i18n.language),
              })}
              {decision.statement.comment ? `: ${decision.statement.comment}` : ''}
            </p>
          )}
          {decision && state === 'refused' && (
            <p>
              {t('waivers.refusedBy', {
                name: decision.by.name,
                time: formatDateTime(decision.at, i18n.language),
                comment: decision.statement.comment ?? '',
              })}
              <br />
              <span className="muted">{t('waivers.refusedHelp')}</span>
            </p>
          )}
          <div className="waiver-actions">
            {canDecide && (
              <Button
                className="button small primary"
                isDisabled={isDisabled}
                onPress={() => setDeciding(true)}
              >
                {t('waivers.awaiting.decide')}
              </Button>
            )}
            {profile?.role !== 'supervisor' && (
              <Button
                className="button small"
                isDisabled={isDisabled}
                onPress={() => void commands.apply({ type: 'removeWaiver', itemId: item.id })}
              >
                {state === 'approved' ? t('waivers.remove') : t('waivers.withdraw')}
              </Button>
            )}
          </div>
        </>
      ) : (
        <>
          <p className="muted small">{t('waivers.requestHelp')}</p>
          <Button
            className="button small"
            isDisabled={isDisabled}
            onPress={() => askReason('waive', item.id)}
          >
            {t('waivers.request')}
          </Button>
        </>
      )}
      {profile && waiver && (
        <DecideWaiverDialog
          target={
            isDeciding
              ? {
                  runId: run.id,
                  runName: run.name,
                  office: runOfficeOf(run.name, shared?.info.office),
                  itemId: item.id,
                  itemTitle: item.title,
                  waiver,
                }
              : null
          }
          profile={profile}
          onClose={() => setDeciding(false)}
        />
      )}
    </div>
  );
}
