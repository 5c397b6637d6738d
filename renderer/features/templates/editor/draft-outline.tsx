// The outline of the draft: template details, departments, parameters, then every section with its
// items, as one keyboard list (arrow keys, type to find an item by title or id). Each entry says
// how many problems it holds, in words beside a warning icon; the selected entry opens in the form.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button, Header, ListBox, ListBoxItem, ListBoxSection } from 'react-aria-components';
import { Plus, TriangleAlert } from 'lucide-react';
import type { DraftDocument } from '../../../storage/draft-repository';
import { blankSection } from './draft-document';
import { useDraftEditorActions } from './draft-editor-actions';
import { useDraftProblems, useProblemCount } from './draft-problems-context';
import {
  fieldOfSelection,
  selectionFromKey,
  selectionKey,
  type DraftSelection,
} from './draft-selection';

function ProblemCount({ selection }: { selection: DraftSelection }) {
  const { t } = useTranslation();
  const { byField } = useDraftProblems();
  const field = fieldOfSelection(selection);
  const inside = useProblemCount(field);
  // The details hold what is in no other part: the top-level fields and problems about the file.
  // A section's entry counts its own fields; its items count theirs.
  let count = inside;
  if (selection.kind === 'section') {
    const items = `${field}.items.`;
    for (const [path, problems] of byField) {
      if (path.startsWith(items)) count -= problems.length;
    }
  }
  if (selection.kind === 'details') {
    count = 0;
    for (const [path, problems] of byField) {
      if (!/^(sections|departments|parameters)(\.|$)/.test(path)) count += problems.length;
    }
  }
  if (count === 0) return null;
  return (
    <span className="tpl-outline-problems">
      <TriangleAlert aria-hidden size={13} />
      {t('templates.editor.outline.problems', { count })}
    </span>
  );
}

export function DraftOutline({ selection }: { selection: DraftSelection }) {
  const { t } = useTranslation();
  const actions = useDraftEditorActions();
  const { control, getValues } = useFormContext<DraftDocument>();
  const sections = useWatch({ control, name: 'sections' });
  const selectedKey = selectionKey(selection);

  useEffect(() => {
    document
      .querySelector(`.tpl-outline [data-key="${CSS.escape(selectedKey)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  return (
    <div className="tpl-outline">
      <ListBox
        aria-label={t('templates.editor.outline.label')}
        className="tpl-outline-list"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[selectedKey]}
        onSelectionChange={(keys) => {
          if (keys === 'all') return;
          const [key] = [...keys];
          if (key !== undefined) actions.select(selectionFromKey(String(key)));
        }}
      >
        <ListBoxSection className="tpl-outline-group">
          {(['details', 'departments', 'parameters'] as const).map((kind) => (
            <ListBoxItem
              key={kind}
              id={kind}
              className="tpl-outline-item"
              textValue={t(`templates.editor.outline.${kind}`)}
            >
              <span className="tpl-outline-title">{t(`templates.editor.outline.${kind}`)}</span>{' '}
              <ProblemCount selection={{ kind }} />
            </ListBoxItem>
          ))}
        </ListBoxSection>
        {sections.map((section, s) => (
          <ListBoxSection key={`section-${s}`} className="tpl-outline-group">
            <Header className="tpl-outline-header">
              {section.title || t('templates.editor.outline.untitled')}
            </Header>
            <ListBoxItem
              id={`section:${s}`}
              className="tpl-outline-item tpl-outline-settings"
              textValue={`${section.title} ${section.id}`}
            >
              <span className="tpl-outline-title">
                {t('templates.editor.outline.sectionSettings')}
              </span>{' '}
              <code className="tpl-id">{section.id}</code>
              <ProblemCount selection={{ kind: 'section', section: s }} />
            </ListBoxItem>
            {section.items.map((item, i) => (
              <ListBoxItem
                key={`item-${s}-${i}`}
                id={`item:${s}:${i}`}
                className="tpl-outline-item"
                textValue={`${item.title} ${item.id}`}
              >
                <span className="tpl-outline-title">
                  {item.title || t('templates.editor.outline.untitled')}
                </span>{' '}
                <code className="tpl-id">{item.id}</code>
                <ProblemCount selection={{ kind: 'item', section: s, item: i }} />
              </ListBoxItem>
            ))}
          </ListBoxSection>
        ))}
      </ListBox>
      <Button
        className="button small tpl-outline-add"
        onPress={() => {
          const document = getValues();
          const department = document.departments[0]?.id ?? '';
          const next = [...document.sections, blankSection(document, department)];
          actions.applySections({
            sections: next,
            selection: { kind: 'section', section: next.length - 1 },
          });
        }}
      >
        <Plus aria-hidden size={14} />
        {t('templates.editor.outline.addSection')}
      </Button>
    </div>
  );
}
