// The top of a version's detail: its changelog, its description (folded), the effort per section
// and per department, and the parameters a run answers when it starts.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { ChecklistDefinition } from '../../../core/definitions';
import { departmentTallies, sectionTallies, totalTally, type Tally } from './definition-stats';
import { formatMinutes } from './format-estimate';
import { jumpToSection } from './definition-items';
import { MarkdownText } from '../../ui/markdown';

export function DefinitionOverview({ definition }: { definition: ChecklistDefinition }) {
  const { t } = useTranslation();
  return (
    <div className="tpl-overview-grid">
      <section className="panel tpl-overview-text" aria-labelledby="template-changelog">
        {/* Scrolls inside the panel: the row's height comes from the table beside it. */}
        <div className="tpl-overview-scroll" tabIndex={0}>
          <h2 id="template-changelog">{t('templates.detail.changelog')}</h2>
          <MarkdownText source={definition.changelog} />
          {definition.description !== undefined && (
            <details>
              <summary>{t('templates.detail.description')}</summary>
              <MarkdownText source={definition.description} />
            </details>
          )}
        </div>
      </section>
      <EffortByDepartment definition={definition} />
      <EffortBySection definition={definition} />
      <Parameters definition={definition} />
    </div>
  );
}

function TallyCells({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  return (
    <>
      <td className="tpl-number">{tally.items}</td>
      <td className="tpl-number">{tally.blocking}</td>
      <td className="tpl-number">{formatMinutes(t, tally.estimateMinutes)}</td>
    </>
  );
}

function TallyHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="tpl-number">
        {t('templates.columns.items')}
      </th>
      <th scope="col" className="tpl-number">
        {t('templates.columns.blocking')}
      </th>
      <th scope="col" className="tpl-number">
        {t('templates.columns.estimate')}
      </th>
    </>
  );
}

function TotalRow({ definition }: { definition: ChecklistDefinition }) {
  const { t } = useTranslation();
  return (
    <tfoot>
      <tr>
        <th scope="row">{t('templates.detail.total')}</th>
        <TallyCells tally={totalTally(definition)} />
      </tr>
    </tfoot>
  );
}

interface EffortTableProps<T extends Tally & { id: string; title: string }> {
  definition: ChecklistDefinition;
  headingId: string;
  heading: string;
  column: string;
  tallies: T[];
  renderName: (tally: T) => ReactNode;
}

function EffortTable<T extends Tally & { id: string; title: string }>({
  definition,
  headingId,
  heading,
  column,
  tallies,
  renderName,
}: EffortTableProps<T>) {
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <table className="tpl-data-table tpl-compact">
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <TallyHeads />
          </tr>
        </thead>
        <tbody>
          {tallies.map((tally) => (
            <tr key={tally.id}>
              <th scope="row">{renderName(tally)}</th>
              <TallyCells tally={tally} />
            </tr>
          ))}
        </tbody>
        <TotalRow definition={definition} />
      </table>
    </section>
  );
}

function EffortBySection({ definition }: { definition: ChecklistDefinition }) {
  const { t } = useTranslation();
  return (
    <EffortTable
      definition={definition}
      headingId="template-by-section"
      heading={t('templates.detail.bySection')}
      column={t('templates.columns.section')}
      tallies={sectionTallies(definition)}
      renderName={(tally) => (
        <Button className="tpl-plain-link" onPress={() => jumpToSection(tally.id)}>
          {tally.title}
        </Button>
      )}
    />
  );
}

function EffortByDepartment({ definition }: { definition: ChecklistDefinition }) {
  const { t } = useTranslation();
  return (
    <EffortTable
      definition={definition}
      headingId="template-by-department"
      heading={t('templates.detail.byDepartment')}
      column={t('templates.columns.department')}
      tallies={departmentTallies(definition)}
      renderName={(tally) => tally.title}
    />
  );
}

function Parameters({ definition }: { definition: ChecklistDefinition }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="template-parameters">
      <h2 id="template-parameters">{t('templates.detail.parameters')}</h2>
      {definition.parameters.length === 0 ? (
        <p className="muted">{t('templates.detail.noParameters')}</p>
      ) : (
        <table className="tpl-data-table tpl-compact">
          <thead>
            <tr>
              <th scope="col">{t('templates.columns.id')}</th>
              <th scope="col">{t('templates.columns.label')}</th>
              <th scope="col">{t('templates.columns.type')}</th>
              <th scope="col">{t('templates.columns.required')}</th>
            </tr>
          </thead>
          <tbody>
            {definition.parameters.map((parameter) => (
              <tr key={parameter.id}>
                <td>
                  <code>{parameter.id}</code>
                </td>
                <td>
                  {parameter.label}
                  {parameter.help !== undefined && (
                    <span className="tpl-subtle">{parameter.help}</span>
                  )}
                </td>
                <td>
                  {t(`templates.parameterType.${parameter.type}`)}
                  {parameter.choices !== undefined && (
                    <span className="tpl-subtle">{parameter.choices.join(' · ')}</span>
                  )}
                </td>
                <td>{parameter.required ? t('templates.items.yes') : t('templates.items.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
