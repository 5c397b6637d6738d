// The "waiting on" view: what cannot be done yet, grouped by the department it waits on, and the
// critical path to go-live (the longest chain of unresolved work by remaining estimate).
import { useTranslation } from 'react-i18next';
import { ArrowRight, Route } from 'lucide-react';
import { criticalPath, departmentTitle, formatMinutes, waitingOnView } from '../../../core/runs';
import type { RunView } from './use-run-view';
import { StatusBadge } from './status-badges';
import { useRunUiStore } from './use-run-ui-store';

export function WaitingView({ view }: { view: RunView }) {
  const { t } = useTranslation();
  const select = useRunUiStore((state) => state.select);
  const setView = useRunUiStore((state) => state.setView);
  const groups = waitingOnView(view.definition, view.run, view.answers);
  const path = criticalPath(view.definition, view.run, view.answers);
  const open = (itemId: string) => {
    select(itemId);
    setView('checklist');
  };

  return (
    <div className="waiting-view">
      <section aria-labelledby="critical-path-title" className="panel">
        <h2 id="critical-path-title">
          <Route aria-hidden size={17} /> {t('runs.waiting.criticalPath')}
        </h2>
        {path.items.length === 0 ? (
          <p className="muted">{t('runs.waiting.criticalPathNone')}</p>
        ) : (
          <>
            <p className="muted">
              {t('runs.waiting.criticalPathIntro', { total: formatMinutes(path.totalMinutes) })}
            </p>
            <ol className="critical-path">
              {path.items.map((item) => (
                <li key={item.itemId}>
                  <StatusBadge status={item.status} />
                  <button type="button" className="link-button" onClick={() => open(item.itemId)}>
                    {item.title}
                  </button>
                  <span className="muted small">
                    {departmentTitle(view.definition, item.department)} ·{' '}
                    {formatMinutes(item.remainingMinutes)}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t('runs.waiting.title')}</h2>
        <p className="muted">{t('runs.waiting.intro')}</p>
        {groups.length === 0 && <p className="empty-state">{t('runs.waiting.none')}</p>}
        {groups.map((group) => (
          <section
            key={group.department}
            className="panel waiting-group"
            aria-label={t('runs.waiting.department', { department: group.departmentTitle })}
          >
            <h3>{t('runs.waiting.department', { department: group.departmentTitle })}</h3>
            <ul>
              {group.dependencies.map((blocker) => (
                <li key={blocker.itemId} className="waiting-chain">
                  <span className="waiting-blocker">
                    <StatusBadge status={blocker.status} />
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => open(blocker.itemId)}
                    >
                      {blocker.title}
                    </button>
                  </span>
                  <ArrowRight aria-label={t('runs.waiting.waitsFor')} size={15} />
                  <span className="waiting-dependants">
                    {blocker.waiting.map((dependant) => (
                      <button
                        key={dependant.itemId}
                        type="button"
                        className="link-button"
                        onClick={() => open(dependant.itemId)}
                      >
                        {dependant.title}
                        <span className="muted small">
                          {' '}
                          ({departmentTitle(view.definition, dependant.department)})
                        </span>
                      </button>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}
