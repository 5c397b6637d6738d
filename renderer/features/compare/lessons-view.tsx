// "Never the same mistake twice": the lessons learned of every sign-off of one template, grouped
// by version (newest first) and by the items they mention, as the input for the next version.
// Each point links to the report it comes from; points that name no item are kept apart.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LessonPoint, TemplateLessons } from '../../../core/compare';
import { formatDateTime } from '../runs/dates';

function Point({ point }: { point: LessonPoint }) {
  const { i18n } = useTranslation();
  return (
    <li className="lesson-point">
      <blockquote>{point.text}</blockquote>
      <p className="cell-sub">
        <Link
          to={`/review/${encodeURIComponent(point.runId)}/${String(point.revision)}`}
        >{`${point.office} · ${point.runName}`}</Link>
        {` · ${formatDateTime(point.signedAt, i18n.language)}`}
      </p>
    </li>
  );
}

export function LessonsView({ lessons }: { lessons: TemplateLessons }) {
  const { t } = useTranslation();
  if (lessons.versions.length === 0) {
    return <p className="muted">{t('compare.lessons.empty')}</p>;
  }
  return (
    <div className="lessons">
      {lessons.versions.map((version) => (
        <section
          key={version.version}
          className="panel lessons-version"
          aria-label={t('compare.version', { version: version.version })}
        >
          <h3>
            {t('compare.version', { version: version.version })}{' '}
            <span className="muted-inline">
              {t('compare.lessons.counts', {
                count: version.signOffs,
                withLessons: version.withLessons,
              })}
            </span>
          </h3>
          {version.byItem.length === 0 && version.unmatched.length === 0 && (
            <p className="muted">{t('compare.lessons.noneWritten')}</p>
          )}
          {version.byItem.map((group) => (
            <div key={group.itemId} className="lesson-group">
              <h4>
                {group.title} <code>{group.itemId}</code>
                {group.sectionId !== null && (
                  <span className="muted-inline">
                    {' '}
                    · {t('compare.lessons.section', { section: group.sectionId })}
                  </span>
                )}
              </h4>
              <ul>
                {group.points.map((point, index) => (
                  <Point key={`${point.runId}-${index}`} point={point} />
                ))}
              </ul>
            </div>
          ))}
          {version.unmatched.length > 0 && (
            <div className="lesson-group">
              <h4>{t('compare.lessons.unmatched')}</h4>
              <ul>
                {version.unmatched.map((point, index) => (
                  <Point key={`${point.runId}-${index}`} point={point} />
                ))}
              </ul>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
