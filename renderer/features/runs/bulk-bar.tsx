// Acting on several items at once (issue 16, point 6): when more than one item is selected in the
// list (Shift or Ctrl/Cmd), this bar offers "Not applicable…" and "Request waiver…" for all of
// them with one reason. A waiver is only for blocking items: the bar says how many it covers.
// On a shared run its owner also gets "Reassign N items…" (features/team).
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CircleMinus, ShieldCheck, X } from 'lucide-react';
import type { RunView } from './use-run-view';
import { useRunUiStore } from './use-run-ui-store';
import { canReassign, ReassignButton } from '../team/reassign-dialog';
import { useRunTeamContext } from '../team/use-run-team';

export function BulkBar({ view }: { view: RunView }) {
  const { t } = useTranslation();
  const selectedIds = useRunUiStore((state) => state.selectedIds);
  const selectedItemId = useRunUiStore((state) => state.selectedItemId);
  const askReasonForMany = useRunUiStore((state) => state.askReasonForMany);
  const select = useRunUiStore((state) => state.select);
  const team = useRunTeamContext();
  if (selectedIds.length < 2) return null;
  const isFrozen = view.run.state === 'signed';
  const blocking = selectedIds.filter(
    (id) => view.refs.get(id)?.item.severity === 'blocking' && !view.answers.get(id)?.waiver,
  );
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('runs.bulk.label')}>
      <span className="bulk-count" role="status">
        {t('runs.bulk.selected', { count: selectedIds.length })}
      </span>
      <Button
        className="button small"
        isDisabled={isFrozen}
        onPress={() => askReasonForMany('not-applicable', selectedIds)}
      >
        <CircleMinus aria-hidden size={14} />
        {t('runs.bulk.notApplicable', { count: selectedIds.length })}
      </Button>
      <Button
        className="button small"
        isDisabled={isFrozen || blocking.length === 0}
        onPress={() => askReasonForMany('waive', blocking)}
      >
        <ShieldCheck aria-hidden size={14} />
        {t('runs.bulk.waive', { count: blocking.length })}
      </Button>
      {canReassign(view, team) && (
        <ReassignButton view={view} team={team} itemIds={selectedIds} isSmall />
      )}
      <Button className="button small" onPress={() => select(selectedItemId)}>
        <X aria-hidden size={14} />
        {t('runs.bulk.clear')}
      </Button>
    </div>
  );
}
