// The Templates editor (/templates/:id/draft): the draft of a template's next version, kept on this
// device (renderer/storage/draft-repository.ts). Three tabs: Edit (the outline, the form of the
// selected part, and beside them what the field says: lessons learned and the items most often in
// trouble), the changes against the published version it started from (the same diff view as
// Compare versions), and the YAML as it will be exported and published. The core validator checks
// the draft as the author types; its problems sit next to their fields and in a list above.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { ArrowLeft, CircleCheck, FileQuestion, Info, TriangleAlert } from 'lucide-react';
import { compareSemver } from '../../../../core/definitions';
import type { DefinitionPublishReceipt } from '../../../../core/sync/definition-publish';
import type { DefinitionRow } from '../../../storage/database';
import type { DraftDocument, TemplateDraftRow } from '../../../storage/draft-repository';
import { EmptyState } from '../../../ui/empty-state';
import { Screen } from '../../../ui/screen';
import { DefinitionDiffView } from '../definition-diff-view';
import { versionPath } from '../template-paths';
import { useDefinitionVersions } from '../use-definitions';
import { DraftActions, type DraftNotice } from './draft-actions';
import { DraftEditorActionsContext, type DraftEditorActions } from './draft-editor-actions';
import type { DraftPath } from './draft-fields';
import { DraftInsights } from './draft-insights';
import { DraftOutline } from './draft-outline';
import {
  clampSelection,
  selectionKey,
  selectionOfField,
  type DraftSelection,
} from './draft-selection';
import { DraftSession, useDraftSession } from './draft-session';
import { DraftStatus } from './draft-status';
import { DetailsEditor, DepartmentsEditor, ParametersEditor } from './details-editor';
import { ItemEditor } from './item-editor';
import { SectionEditor } from './section-editor';
import { useDraft } from './use-drafts';
import '../templates.css';
import './editor.css';

export function TemplateEditorScreen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const draft = useDraft(id);
  const versions = useDefinitionVersions(id);
  // The form starts from the draft as first loaded; later saves come from this form, so the live
  // row is only watched for the draft disappearing (discarded or published elsewhere).
  const [opened, setOpened] = useState<TemplateDraftRow>();
  if (opened === undefined && draft) setOpened(draft);

  if (draft === undefined || versions === undefined) {
    return <div className="loading" aria-busy="true" />;
  }
  if (opened === undefined) {
    if (draft !== null) return <div className="loading" aria-busy="true" />;
    return (
      <Screen title={t('templates.title')}>
        <EmptyState
          icon={FileQuestion}
          title={t('templates.editor.notFoundTitle')}
          body={t('templates.editor.notFoundBody')}
        >
          <Link to={`/templates/${encodeURIComponent(id)}`} className="button">
            {t('templates.detail.back')}
          </Link>
        </EmptyState>
      </Screen>
    );
  }
  return <DraftEditor row={opened} versions={versions} isGone={draft === null} />;
}

const DraftEditor = memo(function DraftEditor({
  row,
  versions,
  isGone,
}: {
  row: TemplateDraftRow;
  versions: DefinitionRow[];
  isGone: boolean;
}) {
  const { t } = useTranslation();
  const form = useForm<DraftDocument>({ defaultValues: row.document });
  const [selection, setSelection] = useState<DraftSelection>({ kind: 'details' });
  const [structure, setStructure] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<string>();
  const [notice, setNotice] = useState<DraftNotice>();
  const [published, setPublished] = useState<DefinitionPublishReceipt>();
  const paneRef = useRef<HTMLDivElement>(null);

  const base = versions.find((version) => version.version === row.baseVersion);
  const newer = versions.find((version) => compareSemver(version.version, row.baseVersion) > 0);
  const publishedVersions = useMemo(() => versions.map((version) => version.version), [versions]);

  const actions = useMemo<DraftEditorActions>(
    () => ({
      select: (next) => setSelection(next),
      applySections: (edit) => {
        form.setValue('sections', edit.sections, { shouldDirty: true });
        setSelection(clampSelection(edit.selection, form.getValues()));
        setStructure((n) => n + 1);
      },
      replace: (path: DraftPath, value: unknown) => {
        form.setValue(path, value as never, { shouldDirty: true });
        setStructure((n) => n + 1);
      },
    }),
    [form],
  );

  const goTo = useCallback(
    (field: string) => {
      setSelection(clampSelection(selectionOfField(field), form.getValues()));
      setPendingFocus(field);
    },
    [form],
  );

  const editItem = useCallback(
    (itemId: string) => {
      const sections = form.getValues('sections');
      sections.forEach((section, s) => {
        const i = section.items.findIndex((item) => item.id === itemId);
        if (i >= 0) goTo(`sections.${s}.items.${i}.id`);
      });
    },
    [form, goTo],
  );

  // After "Go to" or "Edit item", the keyboard lands in the field (or the pane's heading).
  useEffect(() => {
    if (pendingFocus === undefined) return;
    const pane = paneRef.current;
    if (!pane) return;
    const holder = pane.querySelector(`[data-field="${CSS.escape(pendingFocus)}"]`);
    const target =
      holder?.querySelector<HTMLElement>('input, textarea, button') ??
      pane.querySelector<HTMLElement>('#draft-pane-heading');
    if (target instanceof HTMLElement) {
      if (target.id === 'draft-pane-heading') target.tabIndex = -1;
      target.focus();
      target.scrollIntoView({ block: 'center' });
    }
    setPendingFocus(undefined);
  }, [pendingFocus, selection]);

  const title = row.document.title;
  const version = useWatch({ control: form.control, name: 'version' });

  if (published !== undefined) {
    return (
      <Screen title={t('templates.editor.title', { title, version: published.version })}>
        <p className="tpl-notice tpl-ok-notice" role="status">
          <CircleCheck aria-hidden size={16} className="ok" />
          <span>
            {t(
              published.replay
                ? 'templates.editor.publish.replay'
                : 'templates.editor.publish.published',
              {
                title,
                version: published.version,
              },
            )}{' '}
            <Link to={versionPath(published.id, published.version)}>
              {t('templates.editor.publish.openVersion', { version: published.version })}
            </Link>
          </span>
        </p>
      </Screen>
    );
  }

  return (
    <FormProvider {...form}>
      <DraftSession definitionId={row.definitionId} publishedVersions={publishedVersions}>
        <DraftEditorActionsContext value={actions}>
          <div className="tpl-editor-screen">
            <Screen
              title={t('templates.editor.title', { title, version })}
              intro={t('templates.editor.intro', { title, base: row.baseVersion })}
              actions={
                <>
                  <Link to={versionPath(row.definitionId, row.baseVersion)} className="button">
                    <ArrowLeft aria-hidden size={16} />
                    {t('templates.detail.back')}
                  </Link>
                  <DraftActions
                    definitionId={row.definitionId}
                    title={title}
                    version={version}
                    baseVersion={row.baseVersion}
                    onNotice={setNotice}
                    onPublished={setPublished}
                  />
                </>
              }
            >
              {isGone && (
                <p className="tpl-notice tpl-warn-notice" role="alert">
                  <TriangleAlert aria-hidden size={16} className="warn" />
                  <span>{t('templates.editor.save.gone')}</span>
                </p>
              )}
              {base === undefined && (
                <p className="tpl-notice tpl-warn-notice">
                  <TriangleAlert aria-hidden size={16} className="warn" />
                  <span>{t('templates.editor.baseMissing', { version: row.baseVersion })}</span>
                </p>
              )}
              {newer !== undefined && (
                <p className="tpl-notice">
                  <Info aria-hidden size={16} />
                  <span>{t('templates.editor.newerPublished', { version: newer.version })}</span>
                </p>
              )}
              <NoticeLine notice={notice} />
              <DraftStatus document={form.getValues} onGoTo={goTo} />
              <Tabs className="tpl-editor-tabs">
                <TabList aria-label={t('templates.editor.tabs.label')} className="tpl-tab-list">
                  <Tab id="edit" className="tpl-tab">
                    {t('templates.editor.tabs.edit')}
                  </Tab>
                  <Tab id="changes" className="tpl-tab">
                    {t('templates.editor.tabs.changes', { version: row.baseVersion })}
                  </Tab>
                  <Tab id="yaml" className="tpl-tab">
                    {t('templates.editor.tabs.yaml')}
                  </Tab>
                </TabList>
                <TabPanel id="edit" className="tpl-editor-layout">
                  <DraftOutline selection={selection} />
                  <div className="tpl-editor-main" ref={paneRef}>
                    <Pane
                      key={`${selectionKey(selection)}#${structure}`}
                      selection={selection}
                      baseVersion={row.baseVersion}
                    />
                  </div>
                  <DraftInsights definitionId={row.definitionId} onEditItem={editItem} />
                </TabPanel>
                <TabPanel id="changes">
                  {base === undefined ? null : <ChangesView base={base.definition} />}
                </TabPanel>
                <TabPanel id="yaml">
                  <YamlView />
                </TabPanel>
              </Tabs>
            </Screen>
          </div>
        </DraftEditorActionsContext>
      </DraftSession>
    </FormProvider>
  );
});

function Pane({ selection, baseVersion }: { selection: DraftSelection; baseVersion: string }) {
  switch (selection.kind) {
    case 'details':
      return <DetailsEditor baseVersion={baseVersion} />;
    case 'departments':
      return <DepartmentsEditor />;
    case 'parameters':
      return <ParametersEditor />;
    case 'section':
      return <SectionEditor section={selection.section} />;
    case 'item':
      return <ItemEditor section={selection.section} item={selection.item} />;
  }
}

function NoticeLine({ notice }: { notice: DraftNotice | undefined }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="tpl-status-region">
      {notice?.kind === 'exported' && (
        <p className="tpl-notice tpl-ok-notice">
          <CircleCheck aria-hidden size={16} className="ok" />
          <span>{t('templates.editor.export.done', { name: notice.name })}</span>
        </p>
      )}
      {notice?.kind === 'export-failed' && (
        <p className="tpl-notice tpl-warn-notice">
          <TriangleAlert aria-hidden size={16} className="warn" />
          <span>{t('templates.editor.export.failed', { message: notice.message })}</span>
        </p>
      )}
      {notice?.kind === 'discard-failed' && (
        <p className="tpl-notice tpl-warn-notice">
          <TriangleAlert aria-hidden size={16} className="warn" />
          <span>{t('templates.editor.discard.failed', { message: notice.message })}</span>
        </p>
      )}
      {notice?.kind === 'publish-failed' && (
        <div className="tpl-notice tpl-warn-notice">
          <TriangleAlert aria-hidden size={16} className="warn" />
          <div>
            <p>
              {t(`templates.editor.publish.failed.${notice.reason as 'refused'}`, {
                message: notice.message,
              })}
            </p>
            {notice.details.length > 0 && (
              <ul className="tpl-problem-list">
                {notice.details.slice(0, 20).map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function ChangesView({ base }: { base: DefinitionRow['definition'] }) {
  const { t } = useTranslation();
  const { lastValid, validation } = useDraftSession();
  if (lastValid === undefined) {
    return <p className="tpl-notice">{t('templates.editor.changes.none')}</p>;
  }
  return (
    <>
      {validation !== undefined && validation.definition === undefined && (
        <p className="tpl-notice tpl-warn-notice">
          <TriangleAlert aria-hidden size={16} className="warn" />
          <span>{t('templates.editor.changes.invalid')}</span>
        </p>
      )}
      <DefinitionDiffView from={base} to={lastValid} />
    </>
  );
}

function YamlView() {
  const { t } = useTranslation();
  const { validation } = useDraftSession();
  return (
    <pre className="tpl-yaml" aria-label={t('templates.editor.yaml.label')} tabIndex={0}>
      {validation?.yaml ?? ''}
    </pre>
  );
}
