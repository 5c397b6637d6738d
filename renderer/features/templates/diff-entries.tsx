// The building blocks of the compare view: the summary counts, one group per change kind, and an
// entry per item, section or parameter (badge with icon and word, title, id, and the detail).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowRight } from 'lucide-react';
import type { ItemChange, ItemRef } from '../../../core/definitions';
import { ChangeBadge, CHANGE_ICONS, type ChangeKind } from './badges';
import { formatFieldValue } from './format-field-value';

type ItemCounts = Record<'added' | 'removed' | 'changed' | 'moved', readonly unknown[]>;

export function DiffSummary({ counts }: { counts: ItemCounts }) {
  const { t } = useTranslation();
  const kinds = ['added', 'removed', 'changed', 'moved'] as const;
  return (
    <ul className="tpl-diff-summary" aria-label={t('templates.diff.summary')}>
      {kinds.map((kind) => {
        const Icon = CHANGE_ICONS[kind];
        return (
          <li key={kind} className={`tpl-badge tpl-change-${kind}`}>
            <Icon aria-hidden size={14} />
            {t(`templates.diff.count.${kind}`, { count: counts[kind].length })}
          </li>
        );
      })}
    </ul>
  );
}

export function DiffGroup(props: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  if (props.count === 0) return null;
  const headingId = `diff-group-${props.id}`;
  return (
    <section className="tpl-diff-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {props.title} <span className="tpl-count">{props.count}</span>
      </h2>
      <ul className="tpl-diff-entries">{props.children}</ul>
    </section>
  );
}

interface ItemEntryProps {
  kind: ChangeKind;
  item: ItemRef;
  section: Map<string, string>;
  children?: ReactNode;
}

export function ItemEntry({ kind, item, section, children }: ItemEntryProps) {
  const { t } = useTranslation();
  return (
    <li className="tpl-diff-entry">
      <ChangeBadge kind={kind} />{' '}
      <div className="tpl-diff-entry-body">
        <span className="tpl-item-title">{item.title}</span>{' '}
        <code className="tpl-id">{item.id}</code>{' '}
        {kind !== 'moved' && (
          <span className="tpl-subtle">
            {t('templates.diff.inSection', {
              section: section.get(item.sectionId) ?? item.sectionId,
            })}
          </span>
        )}
        {children}
      </div>
    </li>
  );
}

export function SimpleEntry(props: {
  kind: ChangeKind;
  title: string;
  id: string;
  children?: ReactNode;
}) {
  return (
    <li className="tpl-diff-entry">
      <ChangeBadge kind={props.kind} />{' '}
      <div className="tpl-diff-entry-body">
        <span className="tpl-item-title">{props.title}</span>{' '}
        <code className="tpl-id">{props.id}</code>
        {props.children}
      </div>
    </li>
  );
}

export function FieldChanges({
  change,
  from,
  to,
}: {
  change: ItemChange;
  from: string;
  to: string;
}) {
  const { t } = useTranslation();
  return (
    <table className="tpl-data-table tpl-compact tpl-field-changes">
      <thead>
        <tr>
          <th scope="col">{t('templates.diff.field')}</th>
          <th scope="col">{t('templates.diff.before', { version: from })}</th>
          <th scope="col">{t('templates.diff.after', { version: to })}</th>
        </tr>
      </thead>
      <tbody>
        {change.changes.map(({ field, from: before, to: after }) => (
          <tr key={field}>
            <th scope="row">{t(`templates.fields.${field}`)}</th>
            <td className="tpl-before-value tpl-prose">{formatFieldValue(t, field, before)}</td>
            <td className="tpl-after-value tpl-prose">{formatFieldValue(t, field, after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "from <before> → to <after>": a section an item moved between, or a section's old and new title. */
export function MoveLine({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  return (
    <p className="tpl-move-line">
      <span className="tpl-subtle">{t('templates.diff.movedFrom')}</span>{' '}
      <span className="tpl-before-value">{from}</span> <ArrowRight aria-hidden size={14} />{' '}
      <span className="tpl-subtle">{t('templates.diff.movedTo')}</span>{' '}
      <span className="tpl-after-value">{to}</span>
    </p>
  );
}
