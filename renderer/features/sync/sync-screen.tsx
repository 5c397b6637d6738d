// The Sync screen: where this device is connected, what waits for the hub, what went (with the
// hub's receipt time) and what the hub refused and why, a "Sync now" button with its progress, and
// the last successful sync. State is never shown by colour alone: every state has an icon and a word.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import {
  Activity,
  CircleCheck,
  CircleX,
  Clock,
  CloudOff,
  FileCheck,
  FileSignature,
  LoaderCircle,
  RefreshCw,
  TriangleAlert,
} from 'lucide-react';
import { Screen } from '../../ui/screen';
import { EmptyState } from '../../ui/empty-state';
import { formatDateTime } from '../runs/dates';
import { appSync } from '../../sync/app-sync';
import { retryOutboxEntry } from '../../sync/dexie-outbox';
import type { HubConnection } from '../../sync/hub-connection';
import { useSyncStore } from '../../sync/use-sync-store';
import { services } from '../../app/services';
import { describeError, describeOutcome, describeProgress } from './sync-text';
import { useHubConnection, useOutboxView, type OutboxItem } from './use-outbox-view';
import './sync.css';
import { SharedRunsSyncSection } from '../team/shared-runs-sync';

export function SyncScreen() {
  const { t } = useTranslation();
  const connection = useHubConnection();
  const view = useOutboxView();
  if (connection === undefined || view === undefined) return null;
  return (
    <Screen
      title={t('sync.title')}
      intro={t('sync.intro')}
      actions={connection && <SyncNowButton />}
    >
      {connection === null ? (
        <EmptyState
          icon={CloudOff}
          title={t('sync.notConnectedTitle')}
          body={t('sync.notConnectedBody')}
        >
          <Link to="/settings" className="button">
            {t('sync.openSettings')}
          </Link>
        </EmptyState>
      ) : (
        <div className="sync-layout">
          <ConnectionPanel connection={connection} />
          <OutboxSection
            id="sync-waiting"
            title={t('sync.waiting')}
            empty={t('sync.waitingEmpty')}
            items={view.waiting}
          />
          <OutboxSection
            id="sync-failed"
            title={t('sync.failed')}
            empty={t('sync.failedEmpty')}
            help={view.failed.length > 0 ? t('sync.failedHelp') : undefined}
            items={view.failed}
          />
          <OutboxSection
            id="sync-sent"
            title={t('sync.sent')}
            empty={t('sync.sentEmpty')}
            items={view.sent}
          />
          <SharedRunsSyncSection />
        </div>
      )}
      {/* The waiting list also shows for a device that was disconnected with reports still queued. */}
      {connection === null && view.waiting.length > 0 && (
        <OutboxSection id="sync-waiting" title={t('sync.waiting')} empty="" items={view.waiting} />
      )}
    </Screen>
  );
}

function SyncNowButton() {
  const { t } = useTranslation();
  const isRunning = useSyncStore((state) => state.isRunning);
  const progress = useSyncStore((state) => state.progress);
  return (
    <div className="sync-now">
      {isRunning && (
        <span role="status" className="muted sync-progress">
          <LoaderCircle aria-hidden size={15} className="spin" /> {describeProgress(t, progress)}
        </span>
      )}
      <Button
        className="button primary"
        isDisabled={isRunning}
        onPress={() => void appSync.syncNow()}
      >
        <RefreshCw aria-hidden size={15} className={isRunning ? 'spin' : undefined} />{' '}
        {isRunning ? t('sync.syncing') : t('sync.syncNow')}
      </Button>
    </div>
  );
}

function ConnectionPanel({ connection }: { connection: HubConnection }) {
  const { t, i18n } = useTranslation();
  const lastSuccessAt = useSyncStore((state) => state.lastSuccessAt);
  const lastResult = useSyncStore((state) => state.lastResult);
  const lastError = useSyncStore((state) => state.lastError);
  const { user } = connection;
  const isProblem =
    lastResult !== null && lastResult.outcome !== 'ok' && lastResult.outcome !== 'partial';
  return (
    <section className="panel" aria-labelledby="sync-connection">
      <h2 id="sync-connection">{t('sync.connection')}</h2>
      <dl className="sync-facts">
        <dt>{t('sync.hub')}</dt>
        <dd>
          <code>{connection.hubUrl}</code>
        </dd>
        <dt>{t('sync.user')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('sync.role')}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        {user.office !== undefined && (
          <>
            <dt>{t('sync.office')}</dt>
            <dd>{user.office}</dd>
          </>
        )}
        {user.supervises.length > 0 && (
          <>
            <dt>{t('sync.supervises')}</dt>
            <dd>{user.supervises.join(', ')}</dd>
          </>
        )}
        <dt>{t('sync.lastSuccess')}</dt>
        <dd data-testid="sync-last-success">
          {lastSuccessAt ? formatDateTime(lastSuccessAt, i18n.language) : t('sync.never')}
        </dd>
      </dl>
      {lastResult && (
        <p
          className={isProblem ? 'sync-outcome warn' : 'sync-outcome'}
          role={isProblem ? 'alert' : 'status'}
        >
          {isProblem ? (
            <TriangleAlert aria-hidden size={15} />
          ) : (
            <CircleCheck aria-hidden size={15} />
          )}{' '}
          {describeOutcome(t, lastResult)}
        </p>
      )}
      {lastError && (
        <p className="form-error" role="alert">
          {t('sync.appError', { message: lastError })}
        </p>
      )}
      {lastResult && lastResult.problems.length > 0 && (
        <details className="sync-problems">
          <summary>
            {t('sync.pulledProblems')} ({lastResult.problems.length})
          </summary>
          <ul>
            {lastResult.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

interface OutboxSectionProps {
  id: string;
  title: string;
  empty: string;
  help?: string;
  items: OutboxItem[];
}

function OutboxSection({ id, title, empty, help, items }: OutboxSectionProps) {
  return (
    <section className="panel sync-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{items.length}</span>
      </h2>
      {help && <p className="muted">{help}</p>}
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="outbox-list" aria-labelledby={id}>
          {items.map((item) => (
            <OutboxListItem key={item.seq} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

const KIND_ICONS = { report: FileCheck, progress: Activity, signature: FileSignature } as const;
const KIND_LABELS = {
  report: 'sync.kindReport',
  progress: 'sync.kindProgress',
  signature: 'sync.kindSignature',
} as const;

function outboxItemName(t: TFunction, item: OutboxItem): string {
  switch (item.kind) {
    case 'report':
      return item.name !== undefined
        ? t('sync.reportName', { name: item.name, revision: item.revision })
        : t('sync.unknownReport', { key: item.key });
    case 'signature':
      return item.name !== undefined
        ? t(`sync.signatureName.${item.purpose ?? 'countersign'}`, {
            name: item.name,
            revision: item.revision,
          })
        : t('sync.unknownReport', { key: item.key });
    case 'progress':
      return t('sync.progressName', { name: item.name ?? item.key });
  }
}

function OutboxListItem({ item }: { item: OutboxItem }) {
  const { t, i18n } = useTranslation();
  const [isRetrying, setRetrying] = useState(false);
  const when = (iso: string | undefined) => formatDateTime(iso, i18n.language);
  const name = outboxItemName(t, item);
  const StateIcon = item.state === 'sent' ? CircleCheck : item.state === 'failed' ? CircleX : Clock;
  const KindIcon = KIND_ICONS[item.kind];
  return (
    <li className={`outbox-item state-${item.state}`}>
      <StateIcon
        aria-hidden
        size={16}
        className={item.state === 'sent' ? 'ok' : item.state === 'failed' ? 'bad' : 'warn'}
      />
      <div className="outbox-main">
        <div className="outbox-title">
          <span className="kind-tag">
            <KindIcon aria-hidden size={13} /> {t(KIND_LABELS[item.kind])}
          </span>{' '}
          <strong>{name}</strong>
        </div>
        <div className="muted outbox-meta">
          {item.state === 'sent' && (
            <span>
              {item.receivedAt !== undefined
                ? t('sync.receivedAt', { time: when(item.receivedAt) })
                : t('sync.sentAt', { time: when(item.sentAt ?? item.createdAt) })}
              {item.isReplay ? ` (${t('sync.confirmedOnRetry')})` : ''}
            </span>
          )}
          {item.state !== 'sent' && (
            <span>{t('sync.queuedAt', { time: when(item.createdAt) })}</span>
          )}
          {item.state !== 'sent' && item.attempts > 0 && (
            <span>{t('sync.attempts', { count: item.attempts })}</span>
          )}
          {item.state === 'pending' && item.nextAttemptAt !== undefined && (
            <span>{t('sync.nextTry', { time: when(item.nextAttemptAt) })}</span>
          )}
        </div>
        {item.state === 'pending' && item.lastError !== undefined && (
          <div className="muted">
            {t('sync.lastTry', { reason: describeError(t, item.lastError) })}
          </div>
        )}
        {item.state === 'failed' && (
          <p className="outbox-error">{describeError(t, item.lastError)}</p>
        )}
      </div>
      {item.state === 'failed' && (
        <Button
          className="button small"
          isDisabled={isRetrying}
          onPress={() => {
            setRetrying(true);
            // Back to "Retry" whatever happens: a failed write must not leave the button disabled.
            void retryOutboxEntry(services.db, item.seq)
              .then(() => void appSync.syncNow())
              .finally(() => setRetrying(false));
          }}
        >
          <RefreshCw aria-hidden size={13} /> {t('sync.retry')}
        </Button>
      )}
    </li>
  );
}
