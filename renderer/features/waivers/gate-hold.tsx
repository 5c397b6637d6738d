// Why the gate is held by waivers (issue 16): "1 waiver awaits a supervisor", "1 waiver refused",
// read from the gate's reasons (core/runs/gate.ts: 'waiver-pending', 'waiver-refused'). Icon and
// words, never colour alone. Nothing when no waiver holds the gate.
import { useTranslation } from 'react-i18next';
import { Hourglass, ShieldX } from 'lucide-react';
import type { GateResult } from '../../../core/runs';
import './waivers.css';

export function waiverHoldCounts(gate: Pick<GateResult, 'reasons'>): {
  pending: number;
  refused: number;
} {
  return {
    pending: gate.reasons.filter((reason) => reason.why === 'waiver-pending').length,
    refused: gate.reasons.filter((reason) => reason.why === 'waiver-refused').length,
  };
}

export function GateWaiverHold({ gate }: { gate: Pick<GateResult, 'reasons'> }) {
  const { t } = useTranslation();
  const { pending, refused } = waiverHoldCounts(gate);
  if (pending === 0 && refused === 0) return null;
  return (
    <span className="waiver-hold">
      {pending > 0 && (
        <span className="badge waiver-pending">
          <Hourglass aria-hidden size={14} />
          {t('waivers.gate.pending', { count: pending })}
        </span>
      )}
      {refused > 0 && (
        <span className="badge waiver-refused">
          <ShieldX aria-hidden size={14} />
          {t('waivers.gate.refused', { count: refused })}
        </span>
      )}
    </span>
  );
}
