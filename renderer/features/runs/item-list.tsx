// The checklist itself: a virtualized, keyboard-navigable grid list (React Aria), so a 2,000-item
// run scrolls and moves as fast as a 20-item one. Selection follows focus; shortcuts act on it.
// Shift or Ctrl/Cmd select several items for one action (bulk-bar.tsx).
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Key,
  GridList,
  GridListHeader,
  GridListItem,
  GridListSection,
  ListLayout,
  Virtualizer,
} from 'react-aria-components';
import { Paperclip, Repeat } from 'lucide-react';
import type { Answer, ItemEvaluation, ItemRef, WaitingItem } from '../../../core/runs';
import type { RunView } from './use-run-view';
import { itemDisplay, valueSummary } from './item-display';
import { ItemFlags, SeverityBadge, StatusBadge } from './status-badges';
import { useRunUiStore } from './use-run-ui-store';
import { TeamItemFlags } from '../team/team-flags';

export const ITEM_LIST_ID = 'run-item-list';

interface SectionGroup {
  id: string;
  title: string;
  items: ItemRef[];
}

function groupBySection(refs: readonly ItemRef[]): SectionGroup[] {
  const groups: SectionGroup[] = [];
  for (const ref of refs) {
    const last = groups.at(-1);
    if (last && last.id === ref.section.id) last.items.push(ref);
    else groups.push({ id: ref.section.id, title: ref.section.title, items: [ref] });
  }
  return groups;
}

export function ItemList({
  view,
  refs,
  onOpen,
}: {
  view: RunView;
  refs: ItemRef[];
  onOpen: (itemId: string) => void;
}) {
  const { t } = useTranslation();
  const selectedIds = useRunUiStore((state) => state.selectedIds);
  const selectedItemId = useRunUiStore((state) => state.selectedItemId);
  const select = useRunUiStore((state) => state.select);
  const selectMany = useRunUiStore((state) => state.selectMany);
  // React Aria's own Selection carries the anchor that Shift+click extends from: hand it back while
  // it still says what the store says (a plain array would lose the anchor).
  const [listSelection, setListSelection] = useState<Set<Key> | null>(null);
  const selectedKeys = useMemo(() => {
    const wanted = selectedIds.length > 0 ? selectedIds : selectedItemId ? [selectedItemId] : [];
    const isSame =
      listSelection !== null &&
      listSelection.size === wanted.length &&
      wanted.every((id) => listSelection.has(id));
    return isSame ? listSelection : wanted;
  }, [listSelection, selectedIds, selectedItemId]);
  // The rows only change with the run or the filter, not with the selection: keeping the same
  // elements lets React skip rebuilding 2,000 rows when the user moves through the list. Each row
  // gets its own item's answer and judgement, so a tick renders only the rows it changed.
  const groups = useMemo(() => groupBySection(refs), [refs]);
  const { answers, evaluations, waiting } = view;
  const sections = useMemo(
    () =>
      groups.map((group) => (
        <GridListSection key={group.id} id={`section:${group.id}`} className="item-section">
          <GridListHeader className="item-section-header">{group.title}</GridListHeader>
          {group.items.map((ref) => (
            <ItemRow
              key={ref.item.id}
              itemRef={ref}
              answer={answers.get(ref.item.id)}
              evaluation={evaluations.get(ref.item.id)}
              waiting={waiting.get(ref.item.id)}
            />
          ))}
        </GridListSection>
      )),
    [groups, answers, evaluations, waiting],
  );

  return (
    <Virtualizer layout={ListLayout} layoutOptions={{ estimatedRowSize: 64, headingHeight: 34 }}>
      <GridList
        id={ITEM_LIST_ID}
        aria-label={t('runs.items.label')}
        className="item-list"
        selectionMode="multiple"
        selectionBehavior="replace"
        disallowEmptySelection={false}
        disallowTypeAhead
        selectedKeys={selectedKeys}
        onSelectionChange={(keys) => {
          if (keys !== 'all') setListSelection(keys);
          // A click or an arrow selects one item; Shift or Ctrl/Cmd add more (issue 16, point 6).
          const chosen =
            keys === 'all' ? refs.map((ref) => ref.item.id) : [...(keys as Set<string>)];
          if (chosen.length === 1 && chosen[0] !== undefined) select(chosen[0]);
          else if (chosen.length > 1) {
            const current = chosen.find((id) => !selectedIds.includes(id)) ?? chosen.at(-1);
            if (current !== undefined) selectMany(chosen, current);
          }
        }}
        onAction={(key) => onOpen(String(key))}
        renderEmptyState={() => <p className="muted list-empty">{t('runs.items.empty')}</p>}
      >
        {sections}
      </GridList>
    </Virtualizer>
  );
}

interface ItemRowProps {
  itemRef: ItemRef;
  answer: Answer | undefined;
  evaluation: ItemEvaluation | undefined;
  waiting: WaitingItem[] | undefined;
}

const ItemRow = memo(function ItemRow({ itemRef, answer, evaluation, waiting }: ItemRowProps) {
  const { t } = useTranslation();
  const { item } = itemRef;
  const display = itemDisplay(answer, evaluation, waiting);
  const summary =
    display.failure ??
    (answer?.status === 'blocked' || answer?.status === 'not-applicable'
      ? answer.reason
      : valueSummary(item, answer));
  const statusWord = t(`runs.status.${display.status}`);
  return (
    <GridListItem
      id={item.id}
      textValue={`${item.title}, ${statusWord}`}
      className={`item-row is-${display.status}${display.isFailing ? ' is-failing' : ''}`}
    >
      <StatusBadge status={display.status} />
      <div className="item-main" data-item-id={item.id}>
        <span className="item-title" title={item.title}>
          {item.title}
        </span>
        <span className="item-sub">
          {summary ? (
            <span className={display.isFailing ? 'bad' : undefined}>{summary}</span>
          ) : (
            <span className="item-id">{item.id}</span>
          )}
        </span>
      </div>
      <div className="item-meta">
        <TeamItemFlags itemId={item.id} />
        <ItemFlags display={display} />
        {item.change && (
          <span className="badge flag-change" title={t('runs.items.change')}>
            <Repeat aria-hidden size={13} />
            {t('runs.items.change')}
          </span>
        )}
        {(answer?.attachments.length ?? 0) > 0 && (
          <span className="badge">
            <Paperclip aria-hidden size={13} />
            {t('runs.items.evidenceCount', { count: answer?.attachments.length ?? 0 })}
          </span>
        )}
        <SeverityBadge severity={item.severity} />
      </div>
    </GridListItem>
  );
});
