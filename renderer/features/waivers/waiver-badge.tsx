// A waiver's state as a badge: an icon and a word, coloured as a third cue (never colour alone).
import { useTranslation } from 'react-i18next';
import { Hourglass, ShieldCheck, ShieldX, type LucideIcon } from 'lucide-react';
import type { WaiverState } from './waiver-state';
import './waivers.css';

const ICONS: Record<WaiverState, LucideIcon> = {
  pending: Hourglass,
  approved: ShieldCheck,
  refused: ShieldX,
};

export function WaiverBadge({ state }: { state: WaiverState }) {
  const { t } = useTranslation();
  const Icon = ICONS[state];
  return (
    <span className={`badge waiver-${state}`}>
      <Icon aria-hidden size={14} />
      {t(`waivers.state.${state}`)}
    </span>
  );
}
