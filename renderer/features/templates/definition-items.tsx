// Every item of a version, read-only and dense: one table, one row group per section, so columns
// line up across sections. When adding an item type (core/definitions/schema.ts), say here what
// its answer is (typeDetail).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  describeThreshold,
  type ChecklistDefinition,
  type Item,
  type Threshold,
} from '../../../core/definitions';
import { ChangeItemFlag, EvidenceLabel, SeverityBadge } from './badges';
import { formatMinutes } from './format-estimate';

const COLUMN_COUNT = 6;

function sectionHeadingId(sectionId: string): string {
  return `template-section-${sectionId}`;
}

/** Scrolls to a section of the items table and moves focus there (keyboard users follow). */
export function jumpToSection(sectionId: string): void {
  const heading = document.getElementById(sectionHeadingId(sectionId));
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

/** A threshold as authors wrote it: 2, ceil(seats / 20), the answer to rto-hours. */
function thresholdText(t: TFunction, threshold: Threshold | undefined): string | undefined {
  if (threshold === undefined) return undefined;
  return typeof threshold === 'object'
    ? t('templates.items.answerOf', { item: threshold.item })
    : describeThreshold(threshold);
}

/** What an answer to the item is: the unit and bounds of a number, the minimum of a count… */
function typeDetail(t: TFunction, item: Item): string | undefined {
  switch (item.type) {
    case 'number': {
      const [min, max, unit] = [thresholdText(t, item.min), thresholdText(t, item.max), item.unit];
      if (min !== undefined && max !== undefined)
        return t('templates.items.numberRange', { min, max, unit });
      if (min !== undefined) return t('templates.items.numberMin', { min, unit });
      if (max !== undefined) return t('templates.items.numberMax', { max, unit });
      return t('templates.items.numberUnit', { unit });
    }
    case 'count':
      return t('templates.items.count', { min: thresholdText(t, item.min), unit: item.unit });
    case 'choice':
      return t('templates.items.choices', { count: item.choices.length });
    case 'text':
      return item.multiline ? t('templates.items.multiline') : undefined;
    default:
      return undefined;
  }
}

export function DefinitionItems({ definition }: { definition: ChecklistDefinition }) {
  const { t } = useTranslation();
  const departments = new Map(definition.departments.map(({ id, title }) => [id, title]));
  return (
    <section aria-labelledby="template-items" className="tpl-items-block">
      <h2 id="template-items">{t('templates.items.heading')}</h2>
      <table
        className="tpl-data-table tpl-items-table"
        aria-label={t('templates.items.label', {
          title: definition.title,
          version: definition.version,
        })}
      >
        <colgroup>
          <col />
          <col className="tpl-col-type" />
          <col className="tpl-col-severity" />
          <col className="tpl-col-evidence" />
          <col className="tpl-col-estimate" />
          <col className="tpl-col-depends" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('templates.columns.item')}</th>
            <th scope="col">{t('templates.columns.type')}</th>
            <th scope="col">{t('templates.columns.severity')}</th>
            <th scope="col">{t('templates.columns.evidence')}</th>
            <th scope="col" className="tpl-number">
              {t('templates.columns.estimate')}
            </th>
            <th scope="col">{t('templates.columns.dependsOn')}</th>
          </tr>
        </thead>
        {definition.sections.map((section) => (
          <tbody key={section.id}>
            <tr className="tpl-section-row">
              <th scope="rowgroup" colSpan={COLUMN_COUNT}>
                <h3 id={sectionHeadingId(section.id)} tabIndex={-1}>
                  {section.title}
                </h3>{' '}
                <span className="tpl-subtle">
                  {t('templates.items.sectionSummary', {
                    department: departments.get(section.department) ?? section.department,
                    count: section.items.length,
                  })}
                </span>
              </th>
            </tr>
            {section.items.map((item) => (
              <ItemRow key={item.id} item={item} departments={departments} />
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

function ItemRow({ item, departments }: { item: Item; departments: Map<string, string> }) {
  const { t } = useTranslation();
  const detail = typeDetail(t, item);
  return (
    <tr>
      <th scope="row" className="tpl-item-cell">
        <span className="tpl-item-title">{item.title}</span>{' '}
        <span className="tpl-item-meta">
          <code className="tpl-id">{item.id}</code>
          {item.change && <ChangeItemFlag />}
          {item.when !== undefined && (
            <span className="tpl-when">
              {t('templates.columns.when')} <code className="tpl-expression">{item.when}</code>
            </span>
          )}
          {item.department !== undefined && (
            <span>{departments.get(item.department) ?? item.department}</span>
          )}
        </span>
      </th>
      <td>
        {t(`templates.itemType.${item.type}`)}{' '}
        {detail !== undefined && <span className="tpl-subtle">{detail}</span>}
      </td>
      <td>
        <SeverityBadge severity={item.severity} />
      </td>
      <td>
        <EvidenceLabel level={item.evidence} />
      </td>
      <td className="tpl-number">{formatMinutes(t, item.estimateMinutes)}</td>
      <td>
        {item.dependsOn.map((id) => (
          <code key={id} className="tpl-id tpl-dependency">
            {id}
          </code>
        ))}
      </td>
    </tr>
  );
}
