// Asks why, before an item is marked not applicable or blocked, or a blocking item is waived:
// the reason is required and recorded with who and when. Several selected items take one reason,
// each recorded as its own action (bulk-bar.tsx). The dialog is the shared ui/reason-dialog.tsx.
import { useTranslation } from 'react-i18next';
import { ReasonDialog as ReasonDialogFrame } from '../../ui/reason-dialog';
import type { RunCommands } from './run-actions';
import { useRunUiStore, type ReasonKind } from './use-run-ui-store';

const TITLES: Record<ReasonKind, string> = {
  'not-applicable': 'runs.reasonDialog.naTitle',
  blocked: 'runs.reasonDialog.blockedTitle',
  waive: 'runs.reasonDialog.waiveTitle',
};

const BULK_TITLES: Record<ReasonKind, string> = {
  'not-applicable': 'runs.bulk.naTitle',
  blocked: 'runs.bulk.blockedTitle',
  waive: 'runs.bulk.waiveTitle',
};

export function ReasonDialog({ commands }: { commands: RunCommands }) {
  const { t } = useTranslation();
  const request = useRunUiStore((state) => state.reasonRequest);
  const close = useRunUiStore((state) => state.closeReason);
  const kind = request?.kind ?? 'blocked';
  const itemIds = request ? (request.itemIds ?? [request.itemId]) : [];

  // One action per item, in order; the first refusal stops and is shown with its item's name.
  const record = async (reason: string) => {
    for (const itemId of itemIds) {
      const ok =
        kind === 'waive'
          ? await commands.apply({ type: 'waive', itemId, justification: reason })
          : await commands.apply({ type: 'setStatus', itemId, status: kind, reason });
      if (!ok) return undefined;
    }
    close();
    return undefined;
  };

  return (
    <ReasonDialogFrame
      formKey={request ? `${kind}:${itemIds.join(',')}` : null}
      onCancel={close}
      title={itemIds.length > 1 ? t(BULK_TITLES[kind], { count: itemIds.length }) : t(TITLES[kind])}
      intro={
        kind === 'blocked' ? (
          <p className="muted">{t('runs.reasonDialog.blockedHelp')}</p>
        ) : kind === 'waive' ? (
          <p className="muted">{t('runs.reasonDialog.waiveHelp')}</p>
        ) : undefined
      }
      label={
        kind === 'waive' ? t('runs.reasonDialog.justification') : t('runs.reasonDialog.reason')
      }
      rows={4}
      requiredMessage={t('runs.reasonDialog.required')}
      cancelLabel={t('runs.reasonDialog.cancel')}
      actions={[
        { id: 'confirm', label: t('runs.reasonDialog.confirm'), tone: 'primary', needsText: true },
      ]}
      onAction={(_confirm, reason) => record(reason)}
    />
  );
}
