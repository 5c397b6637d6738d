// One version of a template, read-only: where it came from, what changed in it, its parameters,
// the effort per section and department, and every item. Other versions are one click away.
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { ArrowLeft, FileQuestion, GitCompareArrows } from 'lucide-react';
import { countsOf } from '../../../core/definitions';
import { Screen } from '../../ui/screen';
import { EmptyState } from '../../ui/empty-state';
import type { DefinitionRow } from '../../storage/database';
import { SourceLabel } from './badges';
import { DefinitionOverview } from './definition-overview';
import { DefinitionItems } from './definition-items';
import { totalTally } from './definition-stats';
import { formatMinutes } from './format-estimate';
import { diffPath, versionPath } from './template-paths';
import { useDefinitionVersions } from './use-definitions';
import { DraftEntry } from './editor/draft-entry';
import './templates.css';

export function DefinitionDetailScreen() {
  const { t } = useTranslation();
  const { id = '', version = '' } = useParams();
  const versions = useDefinitionVersions(id);
  if (versions === undefined) return <div className="loading" aria-busy="true" />;
  const row = versions.find((candidate) => candidate.version === version);
  if (row === undefined) {
    return (
      <Screen title={t('templates.title')}>
        <EmptyState
          icon={FileQuestion}
          title={t('templates.detail.notFoundTitle')}
          body={t('templates.detail.notFoundBody')}
        >
          <Link to="/templates" className="button">
            {t('templates.detail.back')}
          </Link>
        </EmptyState>
      </Screen>
    );
  }
  const compareTo = comparePath(versions, row);
  return (
    <Screen
      title={row.title}
      intro={t('templates.detail.intro', {
        kind: t(`templates.kind.${row.kind}`),
        version: row.version,
      })}
      actions={
        <>
          <Link to="/templates" className="button">
            <ArrowLeft aria-hidden size={16} />
            {t('templates.detail.back')}
          </Link>
          {compareTo !== undefined && (
            <Link to={compareTo} className="button">
              <GitCompareArrows aria-hidden size={16} />
              {t('templates.detail.compare')}
            </Link>
          )}
          <DraftEntry row={row} isLatest={versions[0] === row} />
        </>
      }
    >
      <VersionNav versions={versions} />
      <VersionFacts row={row} />
      <DefinitionOverview definition={row.definition} />
      <DefinitionItems definition={row.definition} />
    </Screen>
  );
}

/** What this version changed (from the one before it), or for the oldest, what came next. */
function comparePath(newestFirst: DefinitionRow[], row: DefinitionRow): string | undefined {
  const index = newestFirst.indexOf(row);
  const older = newestFirst[index + 1];
  const newer = newestFirst[index - 1];
  if (older !== undefined) return diffPath(row.id, older.version, row.version);
  if (newer !== undefined) return diffPath(row.id, row.version, newer.version);
  return undefined;
}

function VersionNav({ versions }: { versions: DefinitionRow[] }) {
  const { t } = useTranslation();
  return (
    <nav className="tpl-version-nav" aria-label={t('templates.detail.versions')}>
      <span className="tpl-subtle">{t('templates.detail.versions')}</span>
      <ul>
        {versions.map((row, index) => (
          <li key={row.version}>
            <NavLink to={versionPath(row.id, row.version)} className="tpl-chip-link" end>
              {row.version}
              {index === 0 && <span className="tpl-chip-note">{t('templates.detail.latest')}</span>}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function VersionFacts({ row }: { row: DefinitionRow }) {
  const { t, i18n } = useTranslation();
  const added = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(row.addedAt));
  const total = totalTally(row.definition);
  return (
    <section aria-label={t('templates.detail.facts')}>
      <dl className="tpl-facts">
        <div>
          <dt>{t('templates.detail.source')}</dt>
          <dd>
            <SourceLabel source={row.source} />
          </dd>
        </div>
        <div>
          <dt>{t('templates.detail.added')}</dt>
          <dd>{added}</dd>
        </div>
        <div>
          <dt>{t('templates.detail.content')}</dt>
          <dd>{t('templates.detail.contentValue', { ...countsOf(row.definition) })}</dd>
        </div>
        <div>
          <dt>{t('templates.detail.estimate')}</dt>
          <dd>{formatMinutes(t, total.estimateMinutes)}</dd>
        </div>
        <div>
          <dt>{t('templates.detail.hash')}</dt>
          <dd>
            <code title={row.hash}>{row.hash.slice(0, 12)}…</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}
