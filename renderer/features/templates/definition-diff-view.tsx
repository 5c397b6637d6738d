// What changed between two versions (core diffDefinitions), grouped by kind so it scans: items
// added, removed, changed (field, before, after) and moved; sections and parameters added,
// removed, renamed or changed. The newer version's changelog sits beside it: it says why.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDefinitions, isEmptyDiff, type ChecklistDefinition } from '../../../core/definitions';
import {
  DiffGroup,
  DiffSummary,
  FieldChanges,
  ItemEntry,
  MoveLine,
  SimpleEntry,
} from './diff-entries';
import { MarkdownText } from '../../ui/markdown';

interface DiffProps {
  from: ChecklistDefinition;
  to: ChecklistDefinition;
}

function sectionTitles(definition: ChecklistDefinition): Map<string, string> {
  return new Map(definition.sections.map(({ id, title }) => [id, title]));
}

export function DefinitionDiffView({ from, to }: DiffProps) {
  const { t } = useTranslation();
  const diff = useMemo(() => diffDefinitions(from, to), [from, to]);
  const fromSections = sectionTitles(from);
  const toSections = sectionTitles(to);
  const { items, sections, parameters } = diff;
  const parameterLabel = (definition: ChecklistDefinition, id: string) =>
    definition.parameters.find((parameter) => parameter.id === id)?.label ?? id;

  return (
    <div className="tpl-diff-layout">
      <div className="tpl-diff-main">
        <DiffSummary counts={items} />
        {isEmptyDiff(diff) && <p className="tpl-notice">{t('templates.diff.noChanges')}</p>}
        <DiffGroup id="added" title={t('templates.diff.itemsAdded')} count={items.added.length}>
          {items.added.map((item) => (
            <ItemEntry key={item.id} kind="added" item={item} section={toSections} />
          ))}
        </DiffGroup>
        <DiffGroup
          id="removed"
          title={t('templates.diff.itemsRemoved')}
          count={items.removed.length}
        >
          {items.removed.map((item) => (
            <ItemEntry key={item.id} kind="removed" item={item} section={fromSections} />
          ))}
        </DiffGroup>
        <DiffGroup
          id="changed"
          title={t('templates.diff.itemsChanged')}
          count={items.changed.length}
        >
          {items.changed.map((item) => (
            <ItemEntry key={item.id} kind="changed" item={item} section={toSections}>
              <FieldChanges change={item} from={from.version} to={to.version} />
            </ItemEntry>
          ))}
        </DiffGroup>
        <DiffGroup id="moved" title={t('templates.diff.itemsMoved')} count={items.moved.length}>
          {items.moved.map((item) => (
            <ItemEntry key={item.id} kind="moved" item={item} section={toSections}>
              <MoveLine
                from={fromSections.get(item.fromSectionId) ?? item.fromSectionId}
                to={toSections.get(item.sectionId) ?? item.sectionId}
              />
            </ItemEntry>
          ))}
        </DiffGroup>
        <DiffGroup
          id="sections-added"
          title={t('templates.diff.sectionsAdded')}
          count={sections.added.length}
        >
          {sections.added.map(({ id, title }) => (
            <SimpleEntry key={id} kind="added" title={title} id={id} />
          ))}
        </DiffGroup>
        <DiffGroup
          id="sections-removed"
          title={t('templates.diff.sectionsRemoved')}
          count={sections.removed.length}
        >
          {sections.removed.map(({ id, title }) => (
            <SimpleEntry key={id} kind="removed" title={title} id={id} />
          ))}
        </DiffGroup>
        <DiffGroup
          id="sections-renamed"
          title={t('templates.diff.sectionsRenamed')}
          count={sections.renamed.length}
        >
          {sections.renamed.map(({ id, fromTitle, toTitle }) => (
            <SimpleEntry key={id} kind="renamed" title={toTitle} id={id}>
              <MoveLine from={fromTitle} to={toTitle} />
            </SimpleEntry>
          ))}
        </DiffGroup>
        <DiffGroup
          id="parameters-added"
          title={t('templates.diff.parametersAdded')}
          count={parameters.added.length}
        >
          {parameters.added.map((id) => (
            <SimpleEntry key={id} kind="added" title={parameterLabel(to, id)} id={id} />
          ))}
        </DiffGroup>
        <DiffGroup
          id="parameters-removed"
          title={t('templates.diff.parametersRemoved')}
          count={parameters.removed.length}
        >
          {parameters.removed.map((id) => (
            <SimpleEntry key={id} kind="removed" title={parameterLabel(from, id)} id={id} />
          ))}
        </DiffGroup>
        <DiffGroup
          id="parameters-changed"
          title={t('templates.diff.parametersChanged')}
          count={parameters.changed.length}
        >
          {parameters.changed.map(({ id, fields }) => (
            <SimpleEntry key={id} kind="changed" title={parameterLabel(to, id)} id={id}>
              <p className="tpl-subtle">
                {t('templates.diff.changedFields', {
                  fields: fields.map((field) => t(`templates.fields.${field}`)).join(', '),
                })}
              </p>
            </SimpleEntry>
          ))}
        </DiffGroup>
      </div>
      {/* It scrolls on its own: focusable, so a keyboard can scroll it (axe). */}
      <aside className="panel tpl-diff-changelog" aria-labelledby="diff-changelog" tabIndex={0}>
        <h2 id="diff-changelog">{t('templates.diff.changelogOf', { version: to.version })}</h2>
        <MarkdownText source={to.changelog} />
      </aside>
    </div>
  );
}
