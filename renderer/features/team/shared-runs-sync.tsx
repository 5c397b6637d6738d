// The Sync screen's shared runs: for each run this device works on with other people, how many of
// this device's events the hub confirmed, how many still wait to go, how many other devices' events
// arrived, and whether this user was removed (their unsent work stays here).
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { CircleCheck, Clock, UserX } from 'lucide-react';
import { services } from '../../app/services';
import { DEVICE_CHAIN_KEY } from '../../storage/versions/v4';

interface SharedRunSyncRow {
  runId: string;
  name: string;
  owner: string;
  /** This device's events the hub confirmed. */
  sent: number;
  /** This device's events still to send. */
  waiting: number;
  /** Other devices' events held here. */
  received: number;
  removedAt?: string;
}

function useSharedRunSyncRows(): SharedRunSyncRow[] | undefined {
  const { db } = services;
  return useLiveQuery(
    () =>
      db.transaction('r', db.sharedRuns, db.settings, db.runEvents, async () => {
        const chainRow = await db.settings.get(DEVICE_CHAIN_KEY);
        const chain = typeof chainRow?.value === 'string' ? chainRow.value : '';
        const rows = await db.sharedRuns.toArray();
        return Promise.all(
          rows.map(async (row): Promise<SharedRunSyncRow> => {
            const total = await db.runEvents.where('runId').equals(row.runId).count();
            const own = await db.runEvents
              .where('[runId+chain+seq]')
              .between(
                [row.runId, chain, 1],
                [row.runId, chain, Number.MAX_SAFE_INTEGER],
                true,
                true,
              )
              .count();
            return {
              runId: row.runId,
              name: row.info.name,
              owner: row.info.owner.name,
              sent: Math.min(row.pushedSeq, own),
              waiting: Math.max(0, own - row.pushedSeq),
              received: total - own,
              ...(row.removedAt ? { removedAt: row.removedAt } : {}),
            };
          }),
        );
      }),
    [],
  );
}

export function SharedRunsSyncSection() {
  const { t } = useTranslation();
  const rows = useSharedRunSyncRows();
  if (!rows) return null;
  return (
    <section className="panel sync-section" aria-labelledby="sync-shared-runs">
      <h2 id="sync-shared-runs">
        {t('team.sync.title')} <span className="count">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('team.sync.none')}</p>
      ) : (
        <table className="data-table shared-sync-table" aria-labelledby="sync-shared-runs">
          <thead>
            <tr>
              <th scope="col">{t('team.sync.run')}</th>
              <th scope="col">{t('team.sync.sent')}</th>
              <th scope="col">{t('team.sync.waiting')}</th>
              <th scope="col">{t('team.sync.received')}</th>
              <th scope="col">{t('team.sync.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.runId}>
                <th scope="row">
                  {row.name}
                  <span className="muted small">
                    {' '}
                    · {t('team.list.owner', { name: row.owner })}
                  </span>
                </th>
                <td>{row.sent}</td>
                <td>{row.waiting}</td>
                <td>{row.received}</td>
                <td>
                  {row.removedAt ? (
                    <span className="badge member-removed">
                      <UserX aria-hidden size={13} /> {t('team.sync.removed')}
                    </span>
                  ) : row.waiting > 0 ? (
                    <span className="badge flag-waiting">
                      <Clock aria-hidden size={13} /> {t('team.sync.toSend')}
                    </span>
                  ) : (
                    <span className="badge status-done">
                      <CircleCheck aria-hidden size={13} /> {t('team.sync.allSent')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
