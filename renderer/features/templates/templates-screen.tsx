// The Templates screen: every checklist definition on this device with its versions, and the
// "Import template…" action. A version opens its detail; two or more versions can be compared.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import {
  CircleCheck,
  FilePenLine,
  FileStack,
  FileUp,
  GitCompareArrows,
  TriangleAlert,
} from 'lucide-react';
import { countsOf } from '../../../core/definitions';
import { Screen } from '../../ui/screen';
import { EmptyState } from '../../ui/empty-state';
import { SourceLabel } from './badges';
import { groupDefinitions, type DefinitionSummary } from './group-definitions';
import { ImportProblemsDialog } from './import-problems-dialog';
import { useDefinitionRows, useSeedOutcome, type SeedOutcome } from './use-definitions';
import { useTemplateImport, type ImportOutcome } from './use-template-import';
import { versionPath, diffPath, draftPath } from './template-paths';
import { useDrafts } from './editor/use-drafts';
import './templates.css';

export function TemplatesScreen() {
  const { t } = useTranslation();
  const rows = useDefinitionRows();
  const seed = useSeedOutcome();
  const importer = useTemplateImport();
  const isLoading = rows === undefined || seed === undefined;
  return (
    <Screen
      title={t('templates.title')}
      intro={t('templates.intro')}
      actions={
        <Button
          className="button primary"
          isDisabled={importer.isBusy}
          onPress={() => void importer.start()}
        >
          <FileUp aria-hidden size={16} />
          {importer.isBusy ? t('templates.import.busy') : t('templates.import.action')}
        </Button>
      }
    >
      {seed !== undefined && <SeedNotices seed={seed} />}
      <ImportStatus outcome={importer.outcome} />
      {isLoading ? (
        <p className="muted" aria-busy="true">
          {t('templates.loading')}
        </p>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={FileStack}
          title={t('templates.emptyTitle')}
          body={t('templates.emptyBody')}
        />
      ) : (
        <DefinitionTable summaries={groupDefinitions(rows)} />
      )}
      <ImportProblemsDialog
        failure={importer.outcome?.ok === false ? importer.outcome : undefined}
        onClose={importer.dismiss}
      />
    </Screen>
  );
}

function ImportStatus({ outcome }: { outcome: ImportOutcome | undefined }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="tpl-status-region">
      {outcome?.ok === true && (
        <p className="tpl-notice tpl-ok-notice">
          <CircleCheck aria-hidden size={16} className="ok" />
          <span>
            {t(outcome.isNew ? 'templates.import.imported' : 'templates.import.alreadyPresent', {
              title: outcome.row.title,
              version: outcome.row.version,
            })}{' '}
            <Link to={versionPath(outcome.row.id, outcome.row.version)}>
              {t('templates.import.open')}
            </Link>
          </span>
        </p>
      )}
    </div>
  );
}

function SeedNotices({ seed }: { seed: SeedOutcome }) {
  const { t } = useTranslation();
  const messages =
    'error' in seed
      ? [t('templates.seed.failed', { message: seed.error })]
      : [
          ...seed.conflicts.map(({ key }) => t('templates.seed.conflict', { key })),
          ...seed.invalid.map(({ path }) => t('templates.seed.invalid', { path })),
        ];
  return messages.map((message) => (
    <p key={message} className="tpl-notice tpl-warn-notice">
      <TriangleAlert aria-hidden size={16} className="warn" />
      <span>{message}</span>
    </p>
  ));
}

function DefinitionTable({ summaries }: { summaries: DefinitionSummary[] }) {
  const { t, i18n } = useTranslation();
  const drafts = new Map((useDrafts() ?? []).map((draft) => [draft.definitionId, draft]));
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <table className="tpl-data-table tpl-definitions-table" aria-label={t('templates.list.label')}>
      <thead>
        <tr>
          <th scope="col">{t('templates.list.template')}</th>
          <th scope="col">{t('templates.list.kind')}</th>
          <th scope="col">{t('templates.list.latest')}</th>
          <th scope="col">{t('templates.list.source')}</th>
          <th scope="col">{t('templates.list.content')}</th>
          <th scope="col">{t('templates.list.versions')}</th>
        </tr>
      </thead>
      <tbody>
        {summaries.map(({ id, latest, versions }) => (
          <tr key={id}>
            <th scope="row">
              <Link to={versionPath(id, latest.version)} className="tpl-definition-title">
                {latest.title}
              </Link>{' '}
              <code className="tpl-id">{id}</code>
            </th>
            <td>{t(`templates.kind.${latest.kind}`)}</td>
            <td>
              <span className="tpl-version">{latest.version}</span>{' '}
              <span className="tpl-subtle">{dateFormat.format(new Date(latest.addedAt))}</span>
            </td>
            <td>
              <SourceLabel source={latest.source} />
            </td>
            <td>{t('templates.list.contentValue', { ...countsOf(latest.definition) })}</td>
            <td>
              <div className="tpl-version-links">
                <ul aria-label={t('templates.list.versionsOf', { title: latest.title })}>
                  {versions.map((row) => (
                    <li key={row.version}>
                      <Link to={versionPath(id, row.version)} className="tpl-chip-link">
                        {row.version}
                      </Link>
                    </li>
                  ))}
                </ul>
                {versions.length > 1 && (
                  <Link
                    to={diffPath(id)}
                    className="tpl-icon-link"
                    aria-label={t('templates.list.compareOf', { title: latest.title })}
                  >
                    <GitCompareArrows aria-hidden size={14} />
                    {t('templates.list.compare')}
                  </Link>
                )}
                {drafts.has(id) && (
                  <Link to={draftPath(id)} className="tpl-icon-link">
                    <FilePenLine aria-hidden size={14} />
                    {t('templates.editor.open', {
                      version: drafts.get(id)?.document.version ?? '',
                    })}
                  </Link>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
