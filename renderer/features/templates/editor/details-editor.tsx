// The draft's template-level parts: its details (version, title, kind, description and the
// changelog the author must write), its departments and its parameters.
import { useTranslation } from 'react-i18next';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button } from 'react-aria-components';
import { Plus, Trash2 } from 'lucide-react';
import { DEFINITION_KINDS } from '../../../../core/definitions';
import type { DraftDocument } from '../../../storage/draft-repository';
import { blankDepartment, blankParameter } from './draft-document';
import {
  DraftCheckbox,
  DraftSelectField,
  DraftTextField,
  FieldGroup,
  TokenListField,
} from './draft-fields';
import { useDraftEditorActions } from './draft-editor-actions';

const PARAMETER_TYPES = ['number', 'text', 'boolean', 'choice'] as const;

export function DetailsEditor({ baseVersion }: { baseVersion: string }) {
  const { t } = useTranslation();
  return (
    <section className="tpl-editor-pane" aria-labelledby="draft-pane-heading">
      <header className="tpl-pane-header">
        <h2 id="draft-pane-heading">{t('templates.editor.details.heading')}</h2>
      </header>
      <div className="tpl-form-grid">
        <DraftTextField
          name="id"
          label={t('templates.editor.details.id')}
          description={t('templates.editor.details.idHelp')}
          isReadOnly
        />
        <DraftTextField
          name="version"
          label={t('templates.editor.details.version')}
          description={t('templates.editor.details.versionHelp')}
          isRequired
        />
        <DraftTextField
          name="title"
          label={t('templates.editor.details.title')}
          isRequired
          className="tpl-span-2"
        />
        <DraftSelectField
          name="kind"
          label={t('templates.editor.details.kind')}
          options={DEFINITION_KINDS.map((kind) => ({
            id: kind,
            label: t(`templates.kind.${kind}`),
          }))}
        />
        <span />
        <DraftTextField
          name="changelog"
          label={t('templates.editor.details.changelog')}
          description={t('templates.editor.details.changelogHelp', { base: baseVersion })}
          rows={6}
          isRequired
          className="tpl-span-2"
        />
        <DraftTextField
          name="description"
          label={t('templates.editor.details.description')}
          rows={4}
          className="tpl-span-2"
        />
      </div>
    </section>
  );
}

export function DepartmentsEditor() {
  const { t } = useTranslation();
  const actions = useDraftEditorActions();
  const { control, getValues } = useFormContext<DraftDocument>();
  const departments = useWatch({ control, name: 'departments' });
  return (
    <section className="tpl-editor-pane" aria-labelledby="draft-pane-heading">
      <header className="tpl-pane-header">
        <h2 id="draft-pane-heading">{t('templates.editor.departments.heading')}</h2>
      </header>
      <p className="tpl-subtle">{t('templates.editor.departments.intro')}</p>
      <ol className="tpl-rows" data-field="departments">
        {departments.map((department, index) => (
          <li
            key={index}
            className="tpl-row tpl-department-row"
            aria-label={t('templates.editor.departments.row', { index: index + 1 })}
          >
            <DraftTextField
              name={`departments.${index}.id`}
              label={t('templates.editor.departments.id')}
            />
            <DraftTextField
              name={`departments.${index}.title`}
              label={t('templates.editor.departments.title')}
            />
            <Button
              className="icon-button"
              aria-label={t('templates.editor.departments.remove', { id: department.id })}
              onPress={() =>
                actions.replace(
                  'departments',
                  getValues('departments').filter((_, at) => at !== index),
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
          actions.replace('departments', [
            ...getValues('departments'),
            blankDepartment(getValues()),
          ])
        }
      >
        <Plus aria-hidden size={14} />
        {t('templates.editor.departments.add')}
      </Button>
    </section>
  );
}

export function ParametersEditor() {
  const { t } = useTranslation();
  const actions = useDraftEditorActions();
  const { control, getValues } = useFormContext<DraftDocument>();
  const parameters = useWatch({ control, name: 'parameters' });
  return (
    <section className="tpl-editor-pane" aria-labelledby="draft-pane-heading">
      <header className="tpl-pane-header">
        <h2 id="draft-pane-heading">{t('templates.editor.parameters.heading')}</h2>
      </header>
      <p className="tpl-subtle">{t('templates.editor.parameters.intro')}</p>
      <ol className="tpl-rows" data-field="parameters">
        {parameters.map((parameter, index) => (
          <li key={index}>
            <FieldGroup legend={t('templates.editor.parameters.row', { index: index + 1 })}>
              <div className="tpl-form-grid">
                <DraftTextField
                  name={`parameters.${index}.id`}
                  label={t('templates.editor.parameters.id')}
                />
                <DraftSelectField
                  name={`parameters.${index}.type`}
                  label={t('templates.editor.parameters.type')}
                  options={PARAMETER_TYPES.map((type) => ({
                    id: type,
                    label: t(`templates.parameterType.${type}`),
                  }))}
                />
                <DraftTextField
                  name={`parameters.${index}.label`}
                  label={t('templates.editor.parameters.label')}
                  className="tpl-span-2"
                />
                {parameter.type === 'choice' && (
                  <div className="tpl-span-2">
                    <TokenListField
                      name={`parameters.${index}.choices`}
                      label={t('templates.editor.parameters.choices')}
                      addLabel={t('templates.editor.parameters.choices')}
                      suggestions={[]}
                      allowsCustom
                    />
                  </div>
                )}
                <DraftTextField
                  name={`parameters.${index}.help`}
                  label={t('templates.editor.parameters.help')}
                  rows={2}
                  className="tpl-span-2"
                />
                <DraftCheckbox
                  name={`parameters.${index}.required`}
                  label={t('templates.editor.parameters.required')}
                />
                <div className="tpl-row-end">
                  <Button
                    className="button small danger"
                    onPress={() =>
                      actions.replace(
                        'parameters',
                        getValues('parameters').filter((_, at) => at !== index),
                      )
                    }
                  >
                    <Trash2 aria-hidden size={14} />
                    {t('templates.editor.parameters.remove', { id: parameter.id })}
                  </Button>
                </div>
              </div>
            </FieldGroup>
          </li>
        ))}
      </ol>
      <Button
        className="button small"
        onPress={() =>
          actions.replace('parameters', [...getValues('parameters'), blankParameter(getValues())])
        }
      >
        <Plus aria-hidden size={14} />
        {t('templates.editor.parameters.add')}
      </Button>
    </section>
  );
}
