// The sign-off dialog's statement of what is still open, before the signature: open items by
// severity and the waivers by state. Each line is words and a number (never colour alone).
import { useTranslation } from 'react-i18next';
import { ListChecks } from 'lucide-react';
import { SEVERITIES } from '../../../core/definitions/schema';
import { useRunView } from '../runs/use-run-view';
import { openItemsOf } from './open-items';
import './signoff.css';

export function OpenItemsSummary({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const view = useRunView(runId);
  if (!view) return null;
  const { open, waivers } = openItemsOf(view.visibility, view.answers, view.gate);
  return (
    <section className="signoff-open" aria-labelledby="signoff-open-heading">
      <h3 id="signoff-open-heading">
        <ListChecks aria-hidden size={16} /> {t('signoff.open.heading')}
      </h3>
      <ul>
        {SEVERITIES.map((severity) => (
          <li key={severity} className={open[severity] > 0 ? 'has-open' : undefined}>
            {t(`signoff.open.${severity}`, { count: open[severity] })}
          </li>
        ))}
        <li>
          {t('signoff.open.waivers', {
            approved: waivers.approved,
            pending: waivers.pending,
            refused: waivers.refused,
          })}
        </li>
      </ul>
    </section>
  );
}
