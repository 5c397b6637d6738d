// The runs list's mark on a run shared through the hub: "Shared", its owner, and "Removed" when the
// owner took this user off it (the run and their work stay on this device).
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { UserX, Users } from 'lucide-react';
import { services } from '../../app/services';
import type { SharedRunRow } from '../../storage/shared-run-repository';

/** Every shared run on this device, by run id; `undefined` while loading. */
export function useSharedRunRows(): ReadonlyMap<string, SharedRunRow> | undefined {
  const rows = useLiveQuery(() => services.sharedRuns.list(), []);
  return rows && new Map(rows.map((row) => [row.runId, row]));
}

export function SharedRunMark({ row }: { row: SharedRunRow | undefined }) {
  const { t } = useTranslation();
  if (!row) return null;
  return (
    <span className="shared-mark">
      <span className="badge flag-shared">
        <Users aria-hidden size={13} />
        {t('team.list.shared')}
      </span>
      {row.removedAt && (
        <span className="badge member-removed">
          <UserX aria-hidden size={13} />
          {t('team.list.removed')}
        </span>
      )}
      <span className="muted small">{t('team.list.owner', { name: row.info.owner.name })}</span>
    </span>
  );
}
