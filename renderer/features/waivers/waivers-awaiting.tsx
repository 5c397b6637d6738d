// "Waivers awaiting you": on a supervisor's app, every waiver request on the runs of the offices
// they supervise that waits for their decision, with who asked, when and why; approve or refuse
// each with their own key. The decision is an event in the run's history; sync sends it through
// the hub's shared-run relay to the administrator. Shown on the Review screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { Hourglass } from 'lucide-react';
import type { WaiverVerdict } from '../../../core/runs/waiver-decision';
import { formatDateTime } from '../runs/dates';
import { useProfile } from '../profile/use-profile';
import { DecideWaiverDialog } from './decide-waiver-dialog';
import type { WaiverToDecide } from './decide-waiver';
import { useWaiversAwaiting } from './use-waivers-awaiting';
import { WaiverBadge } from './waiver-badge';
import './waivers.css';

export function WaiversAwaiting() {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
  const awaiting = useWaiversAwaiting(profile);
  const [target, setTarget] = useState<WaiverToDecide | null>(null);
  const [decided, setDecided] = useState<{ item: string; verdict: WaiverVerdict }>();
  if (!profile || profile.role !== 'supervisor' || awaiting === undefined) return null;

  return (
    <section className="panel waivers-awaiting" aria-labelledby="waivers-awaiting-heading">
      <h2 id="waivers-awaiting-heading">
        <Hourglass aria-hidden size={18} /> {t('waivers.awaiting.heading')}
      </h2>
      <p className="muted small">{t('waivers.awaiting.intro')}</p>
      {decided && (
        <p role="status" className="ok-text">
          {t(`waivers.awaiting.decided.${decided.verdict}`, { item: decided.item })}
        </p>
      )}
      {awaiting.length === 0 ? (
        <p className="muted">{t('waivers.awaiting.none')}</p>
      ) : (
        <ul aria-label={t('waivers.awaiting.heading')}>
          {awaiting.map((entry) => (
            <li key={`${entry.runId}:${entry.itemId}`}>
              <div>
                <div className="waiver-status">
                  <strong>{entry.itemTitle}</strong> <WaiverBadge state="pending" />
                </div>
                <div className="small">
                  <Link to={`/runs/${encodeURIComponent(entry.runId)}`}>{entry.runName}</Link> ·{' '}
                  {t('waivers.awaiting.requested', {
                    name: entry.waiver.by.name,
                    time: formatDateTime(entry.waiver.at, i18n.language),
                  })}
                </div>
                <div className="muted small preserve-lines">{entry.waiver.justification}</div>
              </div>
              <Button
                className="button"
                aria-label={t('waivers.awaiting.decideItem', { item: entry.itemTitle })}
                onPress={() => setTarget(entry)}
              >
                {t('waivers.awaiting.decide')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <DecideWaiverDialog
        target={target}
        profile={profile}
        onClose={(verdict) => {
          if (verdict && target) setDecided({ item: target.itemTitle, verdict });
          setTarget(null);
        }}
      />
    </section>
  );
}
