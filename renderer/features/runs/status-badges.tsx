// Status is never colour alone: each badge is an icon and a word, coloured as a third cue.
import { useTranslation } from 'react-i18next';
import {
  Ban,
  Circle,
  CircleCheck,
  CircleMinus,
  CircleX,
  Hourglass,
  OctagonAlert,
  ShieldCheck,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import type { GateDecision, ItemStatus } from '../../../core/runs';
import type { Severity } from '../../../core/definitions/schema';
import type { ItemDisplay } from './item-display';
import { WaiverBadge } from '../waivers/waiver-badge';

const STATUS_ICONS: Record<ItemStatus, LucideIcon> = {
  open: Circle,
  done: CircleCheck,
  'not-applicable': CircleMinus,
  blocked: Ban,
};

export function StatusBadge({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  const Icon = STATUS_ICONS[status];
  return (
    <span className={`badge status-${status}`}>
      <Icon aria-hidden size={15} />
      {t(`runs.status.${status}`)}
    </span>
  );
}

export function ItemFlags({ display }: { display: ItemDisplay }) {
  const { t } = useTranslation();
  return (
    <>
      {display.isFailing && (
        <span className="badge flag-failing">
          <TriangleAlert aria-hidden size={14} />
          {t('runs.status.failing')}
        </span>
      )}
      {display.isWaiting && (
        <span className="badge flag-waiting">
          <Hourglass aria-hidden size={14} />
          {t('runs.status.waiting')}
        </span>
      )}
      {display.waiver && <WaiverBadge state={display.waiver} />}
    </>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  if (severity !== 'blocking') {
    return (
      <span className={`severity severity-${severity}`}>{t(`runs.severity.${severity}`)}</span>
    );
  }
  return (
    <span className="severity severity-blocking">
      <OctagonAlert aria-hidden size={13} />
      {t('runs.severity.blocking')}
    </span>
  );
}

const GATE_ICONS: Record<GateDecision, LucideIcon> = {
  go: CircleCheck,
  'go-with-waivers': ShieldCheck,
  'no-go': CircleX,
};

export function GateBadge({
  decision,
  size = 'large',
}: {
  decision: GateDecision;
  size?: 'large' | 'small';
}) {
  const { t } = useTranslation();
  const Icon = GATE_ICONS[decision];
  return (
    <span className={`gate gate-${decision} gate-${size}`}>
      <Icon aria-hidden size={size === 'large' ? 20 : 15} />
      {t(`runs.gate.${decision}`)}
    </span>
  );
}
