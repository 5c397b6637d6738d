// One item of the draft in a form: every field of the format (checklists/README.md, "Items" and
// "Item types"), the fields of its type only, and the moves (up, down, to another section) and
// removal. Switching the type keeps what was typed for the other types (only the fields of the
// type are exported) and fills what the new type needs (a count's minimum of 2, two choices).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { Button, Checkbox } from 'react-aria-components';
import { ArrowDown, ArrowUp, Check, Plus, Trash2, TriangleAlert } from 'lucide-react';
import {
  EVIDENCE_LEVELS,
  ITEM_TYPES,
  SEVERITIES,
  type ItemType,
} from '../../../../core/definitions';
import type { DraftDocument, DraftItem, DraftSla } from '../../../storage/draft-repository';
import { SelectField } from '../../../ui/select-field';
import { blankChoices } from './draft-document';
import {
  DraftCheckbox,
  DraftNumberField,
  DraftSelectField,
  DraftTextField,
  FieldGroup,
  TokenListField,
} from './draft-fields';
import { useDraftEditorActions } from './draft-editor-actions';
import { useFieldProblems } from './draft-problems-context';
import { moveItem, moveItemToSection, removeItem } from './draft-selection';
import { ThresholdField, type NumberItemChoice } from './threshold-field';

/** The department option meaning "the section's" (an item without its own department). */
const SECTION_DEPARTMENT = '@section';
const SLA_METRICS: DraftSla['metric'][] = ['response', 'resolution'];
const SLA_PRIORITIES: DraftSla['priority'][] = ['P1', 'P2', 'P3', 'P4'];
const SLA_ROLES: DraftSla['role'][] = ['target', 'measured'];

/** What a new type needs that the item may not have yet. */
function withTypeDefaults(item: DraftItem, type: ItemType): DraftItem {
  const next: DraftItem = { ...item, type };
  if ((type === 'number' || type === 'count') && next.unit === undefined) next.unit = '';
  if (type === 'count' && (next.min === undefined || next.min === '')) next.min = 2;
  if (type === 'choice' && (next.choices === undefined || next.choices.length === 0)) {
    next.choices = blankChoices();
  }
  if (type === 'text' && next.multiline === undefined) next.multiline = false;
  return next;
}

export function ItemEditor({ section, item }: { section: number; item: number }) {
  const { t } = useTranslation();
  const actions = useDraftEditorActions();
  const { control, getValues } = useFormContext<DraftDocument>();
  const base = `sections.${section}.items.${item}` as const;
  const id = useWatch({ control, name: `${base}.id` });
  const type = useWatch({ control, name: `${base}.type` });
  const sections = useWatch({ control, name: 'sections' });
  const departments = useWatch({ control, name: 'departments' });
  const itemProblems = useFieldProblems(base);

  const sectionDepartment = sections[section]?.department ?? '';
  const otherItems = useMemo(
    () =>
      sections.flatMap((candidateSection, s) =>
        candidateSection.items.filter((_, i) => !(s === section && i === item)),
      ),
    [sections, section, item],
  );
  const numberItems: NumberItemChoice[] = otherItems
    .filter((candidate) => candidate.type === 'number')
    .map((candidate) => ({ id: candidate.id, title: candidate.title, unit: candidate.unit ?? '' }));
  const existingTags = [...new Set(sections.flatMap((s) => s.items.flatMap((i) => i.tags)))].sort();
  const itemCount = sections[section]?.items.length ?? 0;

  return (
    <section className="tpl-editor-pane" aria-labelledby="draft-pane-heading">
      <header className="tpl-pane-header">
        <h2 id="draft-pane-heading">{t('templates.editor.item.heading', { id })}</h2>
        <div
          className="tpl-pane-actions"
          role="group"
          aria-label={t('templates.editor.item.heading', { id })}
        >
          <Button
            className="button small"
            isDisabled={item === 0}
            onPress={() =>
              actions.applySections(moveItem(getValues('sections'), section, item, -1))
            }
          >
            <ArrowUp aria-hidden size={14} />
            {t('templates.editor.item.moveUp')}
          </Button>
          <Button
            className="button small"
            isDisabled={item >= itemCount - 1}
            onPress={() => actions.applySections(moveItem(getValues('sections'), section, item, 1))}
          >
            <ArrowDown aria-hidden size={14} />
            {t('templates.editor.item.moveDown')}
          </Button>
          <SelectField
            label={t('templates.editor.item.moveTo')}
            isLabelHidden
            variant="inline"
            value={String(section)}
            options={sections.map((candidate, index) => ({
              id: String(index),
              label: candidate.title || candidate.id,
            }))}
            onChange={(target) =>
              actions.applySections(
                moveItemToSection(getValues('sections'), section, item, Number(target)),
              )
            }
          />
          <Button
            className="button small danger"
            onPress={() => actions.applySections(removeItem(getValues('sections'), section, item))}
          >
            <Trash2 aria-hidden size={14} />
            {t('templates.editor.item.remove')}
          </Button>
        </div>
      </header>
      {itemProblems.length > 0 && (
        <p className="tpl-notice tpl-warn-notice" data-field={base}>
          <TriangleAlert aria-hidden size={16} className="warn" />
          <span>{itemProblems.join(' · ')}</span>
        </p>
      )}
      <div className="tpl-form-grid">
        <DraftTextField
          name={`${base}.id`}
          label={t('templates.editor.item.id')}
          description={t('templates.editor.item.idHelp')}
          isRequired
        />
        <Controller
          control={control}
          name={`${base}.type`}
          render={({ field }) => (
            <div data-field={`${base}.type`}>
              <SelectField
                label={t('templates.editor.item.type')}
                value={field.value}
                options={ITEM_TYPES.map((value) => ({
                  id: value,
                  label: t(`templates.itemType.${value}`),
                }))}
                onChange={(next) =>
                  actions.replace(base, withTypeDefaults(getValues(base), next as ItemType))
                }
              />
            </div>
          )}
        />
        <DraftTextField
          name={`${base}.title`}
          label={t('templates.editor.item.title')}
          isRequired
          className="tpl-span-2"
        />
        <DraftSelectField
          name={`${base}.severity`}
          label={t('templates.editor.item.severity')}
          options={SEVERITIES.map((value) => ({
            id: value,
            label: t(`templates.severity.${value}`),
          }))}
        />
        <DraftSelectField
          name={`${base}.evidence`}
          label={t('templates.editor.item.evidence')}
          options={EVIDENCE_LEVELS.map((value) => ({
            id: value,
            label: t(`templates.evidence.${value}`),
          }))}
        />
        <DraftNumberField
          name={`${base}.estimateMinutes`}
          label={t('templates.editor.item.estimateMinutes')}
        />
        <DraftSelectField
          name={`${base}.department`}
          label={t('templates.editor.item.department')}
          emptyValue={SECTION_DEPARTMENT}
          options={[
            {
              id: SECTION_DEPARTMENT,
              label: t('templates.editor.item.sectionDepartment', {
                department: sectionDepartment,
              }),
            },
            ...departments.map((department) => ({
              id: department.id,
              label: `${department.title || department.id} (${department.id})`,
            })),
          ]}
        />
        <div className="tpl-span-2">
          <DraftCheckbox name={`${base}.change`} label={t('templates.editor.item.change')} />
        </div>
      </div>

      <TypeFields base={base} type={type} numberItems={numberItems} />

      <div className="tpl-form-grid">
        <DraftTextField
          name={`${base}.when`}
          label={t('templates.editor.item.when')}
          description={t('templates.editor.item.whenHelp')}
          className="tpl-span-2 tpl-mono-field"
        />
        <div className="tpl-span-2">
          <TokenListField
            name={`${base}.dependsOn`}
            label={t('templates.editor.item.dependsOn')}
            addLabel={t('templates.editor.item.dependsOnAdd')}
            suggestions={otherItems.map((candidate) => ({
              id: candidate.id,
              label: candidate.title,
            }))}
            allowsCustom={false}
          />
        </div>
        <div className="tpl-span-2">
          <TokenListField
            name={`${base}.tags`}
            label={t('templates.editor.item.tags')}
            addLabel={t('templates.editor.item.tagsAdd')}
            suggestions={existingTags.map((tag) => ({ id: tag }))}
            allowsCustom
          />
        </div>
        <DraftTextField
          name={`${base}.guidance`}
          label={t('templates.editor.item.guidance')}
          rows={8}
          className="tpl-span-2"
        />
      </div>
    </section>
  );
}

type ItemBase = `sections.${number}.items.${number}`;

function TypeFields({
  base,
  type,
  numberItems,
}: {
  base: ItemBase;
  type: ItemType;
  numberItems: NumberItemChoice[];
}) {
  const { t } = useTranslation();
  switch (type) {
    case 'text':
      return (
        <FieldGroup legend={t(`templates.itemType.${type}`)}>
          <DraftCheckbox name={`${base}.multiline`} label={t('templates.editor.item.multiline')} />
        </FieldGroup>
      );
    case 'number':
      return (
        <FieldGroup legend={t(`templates.itemType.${type}`)}>
          <div className="tpl-form-grid">
            <DraftTextField
              name={`${base}.unit`}
              label={t('templates.editor.item.unit')}
              isRequired
            />
            <span />
            <ThresholdField
              name={`${base}.min`}
              label={t('templates.editor.item.min')}
              isRequired={false}
              numberItems={numberItems}
            />
            <ThresholdField
              name={`${base}.max`}
              label={t('templates.editor.item.max')}
              isRequired={false}
              numberItems={numberItems}
            />
            <SlaFields base={base} />
          </div>
        </FieldGroup>
      );
    case 'count':
      return (
        <FieldGroup legend={t(`templates.itemType.${type}`)}>
          <div className="tpl-form-grid">
            <DraftTextField
              name={`${base}.unit`}
              label={t('templates.editor.item.unit')}
              description={t('templates.editor.item.unitHelpCount')}
              isRequired
            />
            <ThresholdField
              name={`${base}.min`}
              label={t('templates.editor.item.min')}
              isRequired
              numberItems={numberItems}
            />
          </div>
        </FieldGroup>
      );
    case 'choice':
      return <ChoicesEditor base={base} />;
    case 'check':
    case 'date':
      return null;
  }
}

function SlaFields({ base }: { base: ItemBase }) {
  const { t } = useTranslation();
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(`${base}.sla`);
  return (
    <Controller
      control={control}
      name={`${base}.sla`}
      render={({ field }) => {
        const sla = field.value as DraftSla | undefined;
        const set = (patch: Partial<DraftSla>) =>
          field.onChange({
            ...(sla ?? { metric: 'response', priority: 'P1', role: 'target' }),
            ...patch,
          });
        return (
          <div className="tpl-span-2 tpl-sla" data-field={`${base}.sla`}>
            <Checkbox
              className="checkbox"
              isSelected={sla !== undefined}
              onChange={(isOn) =>
                field.onChange(
                  isOn ? { metric: 'response', priority: 'P1', role: 'target' } : undefined,
                )
              }
            >
              <span className="checkbox-box" aria-hidden>
                <Check size={13} />
              </span>
              {t('templates.editor.item.sla')}
            </Checkbox>
            {sla !== undefined && (
              <div className="tpl-sla-fields">
                <SelectField
                  label={t('templates.editor.item.slaMetric')}
                  value={sla.metric}
                  options={SLA_METRICS.map((id) => ({
                    id,
                    label: t(`templates.editor.item.slaMetrics.${id}`),
                  }))}
                  onChange={(metric) => set({ metric: metric as DraftSla['metric'] })}
                />
                <SelectField
                  label={t('templates.editor.item.slaPriority')}
                  value={sla.priority}
                  options={SLA_PRIORITIES.map((id) => ({ id, label: id }))}
                  onChange={(priority) => set({ priority: priority as DraftSla['priority'] })}
                />
                <SelectField
                  label={t('templates.editor.item.slaRole')}
                  value={sla.role}
                  options={SLA_ROLES.map((id) => ({
                    id,
                    label: t(`templates.editor.item.slaRoles.${id}`),
                  }))}
                  onChange={(role) => set({ role: role as DraftSla['role'] })}
                />
              </div>
            )}
            {problems.length > 0 && <p className="tpl-field-error">{problems.join(' · ')}</p>}
          </div>
        );
      }}
    />
  );
}

function ChoicesEditor({ base }: { base: ItemBase }) {
  const { t } = useTranslation();
  const actions = useDraftEditorActions();
  const { control, getValues } = useFormContext<DraftDocument>();
  const choices = useWatch({ control, name: `${base}.choices` }) ?? [];
  const problems = useFieldProblems(`${base}.choices`);
  return (
    <FieldGroup legend={t('templates.editor.item.choices')}>
      <div data-field={`${base}.choices`}>
        {problems.length > 0 && <p className="tpl-field-error">{problems.join(' · ')}</p>}
        <ol className="tpl-rows">
          {choices.map((choice, index) => (
            <li
              key={index}
              className="tpl-row tpl-choice-row"
              aria-label={t('templates.editor.item.choiceRow', { index: index + 1 })}
            >
              <DraftTextField
                name={`${base}.choices.${index}.id`}
                label={t('templates.editor.item.choiceId')}
              />
              <DraftTextField
                name={`${base}.choices.${index}.label`}
                label={t('templates.editor.item.choiceLabel')}
              />
              <DraftCheckbox
                name={`${base}.choices.${index}.acceptable`}
                label={t('templates.editor.item.choiceAcceptable')}
              />
              <Button
                className="icon-button"
                aria-label={t('templates.editor.item.removeChoice', { id: choice.id })}
                onPress={() =>
                  actions.replace(
                    `${base}.choices`,
                    (getValues(`${base}.choices`) ?? []).filter((_, at) => at !== index),
                  )
                }
              >
                <Trash2 aria-hidden size={15} />
              </Button>
            </li>
          ))}
        </ol>
        <Button
          className="button small"
          onPress={() =>
            actions.replace(`${base}.choices`, [
              ...(getValues(`${base}.choices`) ?? []),
              { id: '', label: '', acceptable: false },
            ])
          }
        >
          <Plus aria-hidden size={14} />
          {t('templates.editor.item.addChoice')}
        </Button>
      </div>
    </FieldGroup>
  );
}
