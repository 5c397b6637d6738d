// Beside the draft, what the field says about the template (seed 002: never the same mistake
// twice): the lessons learned of its signed-off runs, by version and by the item they mention,
// and the items most often blocked, waived or marked not applicable across offices. The data is
// the Compare screen's (compare-data.ts: the hub's progress list, cached, and the signed reports
// on this device), read through the same core functions. Each item links to its form.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button } from 'react-aria-components';
import { Ban, CircleSlash, PencilLine, ShieldCheck } from 'lucide-react';
import {
  collectRollouts,
  definitionCatalog,
  lessonsOfTemplate,
  observeRollouts,
  type LessonPoint,
} from '../../../../core/compare';
import type { DraftDocument } from '../../../storage/draft-repository';
import { useCompareData } from '../../compare/compare-data';
import { formatDateTime } from '../../runs/dates';
import { itemTroubleOf } from './item-trouble';

const TROUBLE_SHOWN = 10;

interface InsightsProps {
  definitionId: string;
  onEditItem: (itemId: string) => void;
}

export function DraftInsights({ definitionId, onEditItem }: InsightsProps) {
  const { t, i18n } = useTranslation();
  const { control } = useFormContext<DraftDocument>();
  const sections = useWatch({ control, name: 'sections' });
  // Only an item the draft still has can be opened (one removed or renamed in the draft cannot).
  const draftItemIds = useMemo(
    () => new Set(sections.flatMap((section) => section.items.map((item) => item.id))),
    [sections],
  );
  const data = useCompareData();
  const catalog = useMemo(() => definitionCatalog(data.definitions ?? []), [data.definitions]);
  const reports = useMemo(() => data.reports ?? [], [data.reports]);
  const lessons = useMemo(
    () => lessonsOfTemplate(reports, { definitionId, catalog }),
    [reports, definitionId, catalog],
  );
  const trouble = useMemo(() => {
    const snapshots = (data.progress?.runs ?? []).map((run) => run.latest);
    const observations = observeRollouts(collectRollouts({ snapshots, reports }), catalog);
    return itemTroubleOf(observations, reports, { definitionId, catalog }).slice(0, TROUBLE_SHOWN);
  }, [data.progress, reports, definitionId, catalog]);

  const editButton = (itemId: string) =>
    draftItemIds.has(itemId) ? (
      <Button className="button small tpl-edit-item" onPress={() => onEditItem(itemId)}>
        <PencilLine aria-hidden size={13} />
        {t('templates.editor.insights.editItem', { item: itemId })}
      </Button>
    ) : (
      <span className="tpl-subtle small">{t('templates.editor.insights.notInDraft')}</span>
    );

  return (
    <aside className="tpl-insights" aria-label={t('templates.editor.insights.label')}>
      <p className="tpl-subtle small">
        {data.progress !== undefined && data.connection
          ? t('templates.editor.insights.source', {
              hub: data.connection.hubUrl,
              time: formatDateTime(data.progress.fetchedAt, i18n.language),
              reports: reports.length,
            })
          : t('templates.editor.insights.sourceOffline', { reports: reports.length })}
      </p>
      <section aria-labelledby="insights-lessons" className="tpl-insight-block">
        <h3 id="insights-lessons">{t('templates.editor.insights.lessons')}</h3>
        <p className="tpl-subtle small">{t('templates.editor.insights.lessonsIntro')}</p>
        {lessons.versions.every((v) => v.byItem.length === 0 && v.unmatched.length === 0) && (
          <p className="tpl-subtle">{t('templates.editor.insights.noLessons')}</p>
        )}
        {lessons.versions.map((version) =>
          version.byItem.length === 0 && version.unmatched.length === 0 ? null : (
            <section
              key={version.version}
              className="tpl-insight-version"
              aria-label={t('templates.editor.insights.version', { version: version.version })}
            >
              <h4>{t('templates.editor.insights.version', { version: version.version })}</h4>
              {version.byItem.map((group) => (
                <div key={group.itemId} className="tpl-insight-group">
                  <p className="tpl-insight-item">
                    <strong>{group.title}</strong> <code className="tpl-id">{group.itemId}</code>
                  </p>
                  <ul>
                    {group.points.map((point, index) => (
                      <LessonLine key={`${point.runId}-${index}`} point={point} />
                    ))}
                  </ul>
                  {editButton(group.itemId)}
                </div>
              ))}
              {version.unmatched.length > 0 && (
                <div className="tpl-insight-group">
                  <p className="tpl-insight-item">
                    <strong>{t('templates.editor.insights.unmatched')}</strong>
                  </p>
                  <ul>
                    {version.unmatched.map((point, index) => (
                      <LessonLine key={`${point.runId}-${index}`} point={point} />
                    ))}
                  </ul>
                </div>
              )}
            </section>
          ),
        )}
      </section>
      <section aria-labelledby="insights-trouble" className="tpl-insight-block">
        <h3 id="insights-trouble">{t('templates.editor.insights.trouble')}</h3>
        <p className="tpl-subtle small">{t('templates.editor.insights.troubleIntro')}</p>
        {trouble.length === 0 ? (
          <p className="tpl-subtle">{t('templates.editor.insights.noTrouble')}</p>
        ) : (
          <ol className="tpl-trouble-list" aria-label={t('templates.editor.insights.troubleLabel')}>
            {trouble.map((entry) => (
              <li key={entry.itemId} className="tpl-insight-group">
                <p className="tpl-insight-item">
                  <strong>{entry.title}</strong> <code className="tpl-id">{entry.itemId}</code>
                </p>
                <p className="tpl-trouble-counts">
                  {entry.blocked > 0 && (
                    <span className="tpl-badge tpl-trouble-blocked">
                      <Ban aria-hidden size={13} />
                      {t('templates.editor.insights.blocked')} {entry.blocked}
                    </span>
                  )}
                  {entry.waived > 0 && (
                    <span className="tpl-badge tpl-trouble-waived">
                      <ShieldCheck aria-hidden size={13} />
                      {t('templates.editor.insights.waived')} {entry.waived}
                    </span>
                  )}
                  {entry.notApplicable > 0 && (
                    <span className="tpl-badge tpl-trouble-na">
                      <CircleSlash aria-hidden size={13} />
                      {t('templates.editor.insights.notApplicable')} {entry.notApplicable}
                    </span>
                  )}
                  <span className="tpl-subtle small">
                    {t('templates.editor.insights.ofRuns', { runs: entry.runs })}
                  </span>
                </p>
                {editButton(entry.itemId)}
              </li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  );
}

function LessonLine({ point }: { point: LessonPoint }) {
  const { i18n } = useTranslation();
  return (
    <li className="tpl-lesson">
      <blockquote>{point.text}</blockquote>
      <p className="tpl-subtle small">
        <Link to={`/review/${encodeURIComponent(point.runId)}/${String(point.revision)}`}>
          {`${point.office} · ${point.runName}`}
        </Link>
        {` · ${formatDateTime(point.signedAt, i18n.language)}`}
      </p>
    </li>
  );
}
