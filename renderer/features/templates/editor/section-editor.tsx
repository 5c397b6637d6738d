// One section of the draft: its id, title, department and description, its items (each opens in
// the item form), adding an item, moving the section and removing it once it has no items.
import { useTranslation } from 'react-i18next';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button } from 'react-aria-components';
import { ArrowDown, ArrowUp, Plus, Trash2, TriangleAlert } from 'lucide-react';
import type { DraftDocument } from '../../../storage/draft-repository';
import { blankItem } from './draft-document';
import { DraftSelectField, DraftTextField } from './draft-fields';
import { useDraftEditorActions } from './draft-editor-actions';
import { useFieldProblems } from './draft-problems-context';
import { insertItem, moveSection, removeEmptySection } from './draft-selection';

export function SectionEditor({ section }: { section: number }) {
  const { t } = useTranslation();
  const actions = useDraftEditorActions();
  const { control, getValues } = useFormContext<DraftDocument>();
  const base = `sections.${section}` as const;
  const id = useWatch({ control, name: `${base}.id` });
  const items = useWatch({ control, name: `${base}.items` }) ?? [];
  const sectionCount = useWatch({ control, name: 'sections' }).length;
  const departments = useWatch({ control, name: 'departments' });
  const sectionProblems = useFieldProblems(base);
  const hasItems = items.length > 0;

  return (
    <section className="tpl-editor-pane" aria-labelledby="draft-pane-heading">
      <header className="tpl-pane-header">
        <h2 id="draft-pane-heading">{t('templates.editor.section.heading', { id })}</h2>
        <div
          className="tpl-pane-actions"
          role="group"
          aria-label={t('templates.editor.section.heading', { id })}
        >
          <Button
            className="button small"
            isDisabled={section === 0}
            onPress={() => actions.applySections(moveSection(getValues('sections'), section, -1))}
          >
            <ArrowUp aria-hidden size={14} />
            {t('templates.editor.section.moveUp')}
          </Button>
          <Button
            className="button small"
            isDisabled={section >= sectionCount - 1}
            onPress={() => actions.applySections(moveSection(getValues('sections'), section, 1))}
          >
            <ArrowDown aria-hidden size={14} />
            {t('templates.editor.section.moveDown')}
          </Button>
          <Button
            className="button small danger"
            isDisabled={hasItems}
            onPress={() =>
              actions.applySections(removeEmptySection(getValues('sections'), section))
            }
          >
            <Trash2 aria-hidden size={14} />
            {t('templates.editor.section.remove')}
          </Button>
        </div>
      </header>
      {hasItems && (
        <p className="tpl-subtle small">{t('templates.editor.section.removeBlocked')}</p>
      )}
      {sectionProblems.length > 0 && (
        <p className="tpl-notice tpl-warn-notice" data-field={base}>
          <TriangleAlert aria-hidden size={16} className="warn" />
          <span>{sectionProblems.join(' · ')}</span>
        </p>
      )}
      <div className="tpl-form-grid">
        <DraftTextField name={`${base}.id`} label={t('templates.editor.section.id')} isRequired />
        <DraftSelectField
          name={`${base}.department`}
          label={t('templates.editor.section.department')}
          options={departments.map((department) => ({
            id: department.id,
            label: `${department.title || department.id} (${department.id})`,
          }))}
        />
        <DraftTextField
          name={`${base}.title`}
          label={t('templates.editor.section.title')}
          isRequired
          className="tpl-span-2"
        />
        <DraftTextField
          name={`${base}.description`}
          label={t('templates.editor.section.description')}
          rows={4}
          className="tpl-span-2"
        />
      </div>
      <h3>{t('templates.editor.section.items')}</h3>
      <ol className="tpl-section-items">
        {items.map((item, index) => (
          <li key={`${index}-${item.id}`}>
            <Button
              className="link-button"
              onPress={() => actions.select({ kind: 'item', section, item: index })}
            >
              {item.title || t('templates.editor.outline.untitled')}
            </Button>{' '}
            <code className="tpl-id">{item.id}</code>
          </li>
        ))}
      </ol>
      <Button
        className="button small"
        onPress={() =>
          actions.applySections(
            insertItem(getValues('sections'), section, items.length, blankItem(getValues())),
          )
        }
      >
        <Plus aria-hidden size={14} />
        {t('templates.editor.section.addItem')}
      </Button>
    </section>
  );
}
