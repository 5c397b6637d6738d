// Settings > Hub: connect this device to the organisation's hub with the hub's address and a
// one-time code (enrollment sends the user's public signing key; the device token and the trust
// list come back), see what it is connected as, or disconnect (nothing queued is lost).
// In the desktop app the hub must first be allowed by the CSP (renderer/bridge/hub-access.ts): the
// user confirms it in a native dialog, the page reloads, and the enrollment resumes.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Input, Label, Text, TextField } from 'react-aria-components';
import { Link2, TriangleAlert, Unplug } from 'lucide-react';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import {
  forgetHubAccess,
  prepareHubAccess,
  takePendingEnrollment,
  type PendingEnrollment,
} from '../../bridge/hub-access';
import { useAppInfo } from '../../app/use-app-info';
import { useProfile } from '../profile/use-profile';
import { appSync } from '../../sync/app-sync';
import { connectToHub, type ConnectOutcome } from '../../sync/enroll';
import { forgetHubConnection } from '../../sync/hub-connection';
import { describeError } from './sync-text';
import { useHubConnection } from './use-outbox-view';
import './sync.css';

/**
 * The hub verifies a report against the name, role and office it enrolled the key with, and takes
 * an administrator's reports only for their office: a profile that says otherwise signs reports
 * the hub will refuse. Said before signing, not after.
 */
function differsFromHub(
  profile: { name: string; role: string; office: string },
  user: { name: string; role: string; office?: string },
): boolean {
  return (
    profile.name !== user.name ||
    profile.role !== user.role ||
    (user.role === 'admin' && user.office !== undefined && profile.office !== user.office)
  );
}

// The enrollment a reload interrupted, taken once per page load (it is removed as it is read).
let pendingAtLoad: PendingEnrollment | null | undefined;
function pendingEnrollment(): PendingEnrollment | null {
  pendingAtLoad ??= takePendingEnrollment();
  return pendingAtLoad;
}

function describePerson(name: string, role: string, office: string | undefined): string {
  return office === undefined ? `${name}, ${role}` : `${name}, ${role}, ${office}`;
}

function failureText(
  t: ReturnType<typeof useTranslation>['t'],
  outcome: Extract<ConnectOutcome, { ok: false }>,
) {
  return t(`sync.hubPanel.errors.${outcome.reason}`, {
    message: describeError(t, outcome.message),
  });
}

export function HubConnectionPanel() {
  const { t } = useTranslation();
  const connection = useHubConnection();
  const trustKeys = useLiveQuery(() => services.db.trustedKeys.count(), []);
  const profile = useProfile();
  const info = useAppInfo();
  const [pending] = useState(pendingEnrollment);
  const [hubUrl, setHubUrl] = useState(pending?.hubUrl ?? '');
  const [code, setCode] = useState(pending?.code ?? '');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const enroll = async (enrollment: { hubUrl: string; code: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const access = await prepareHubAccess({ bridge }, enrollment);
      if (access === 'refused') return setError(t('sync.hubPanel.errors.not-allowed'));
      if (access === 'reloading') return;
      const { hubUrl, code } = enrollment;
      const runtime = info?.runtime === 'desktop' ? t('app.runtimeDesktop') : t('app.runtimeWeb');
      const outcome = await connectToHub({
        db: services.db,
        hubUrl,
        code,
        deviceName: `${profile?.name ?? '?'}: ${runtime}${info ? ` (${info.platform})` : ''}`,
        ...(profile ? { profileId: profile.id } : {}),
        getSigningKey: () => bridge.getSigningKey(),
      });
      if (!outcome.ok) {
        setError(failureText(t, outcome));
        return;
      }
      setCode('');
      void appSync.syncNow();
    } catch (failure) {
      setError(t('sync.hubPanel.errors.failed', { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    void enroll({ hubUrl, code });
  };

  // The enrollment the page reloaded for (a newly allowed hub) goes on by itself, once the
  // profile and app info that name the device are there.
  const isReady = profile !== undefined && info !== undefined;
  const hasResumed = useRef(false);
  useEffect(() => {
    if (!isReady || pending === null || hasResumed.current) return;
    hasResumed.current = true;
    pendingAtLoad = null;
    void enroll(pending);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- enroll reads the latest state
  }, [isReady, pending]);

  return (
    <section className="panel" aria-labelledby="settings-hub">
      <h2 id="settings-hub">{t('sync.hubPanel.title')}</h2>
      <p className="muted">{t('sync.hubPanel.intro')}</p>
      {connection ? (
        <>
          <p role="status" className="ok-text">
            {t('sync.hubPanel.connected', {
              url: connection.hubUrl,
              name: connection.user.name,
              role: t(`roles.${connection.user.role}`),
            })}{' '}
            {connection.user.office !== undefined &&
              t('sync.hubPanel.connectedOffice', { office: connection.user.office })}
          </p>
          {trustKeys !== undefined && (
            <p className="muted">{t('sync.hubPanel.trustKeys', { count: trustKeys })}</p>
          )}
          {profile && differsFromHub(profile, connection.user) && (
            <p className="form-error" role="alert">
              <TriangleAlert aria-hidden size={15} />{' '}
              {t('sync.hubPanel.mismatch', {
                profile: describePerson(profile.name, t(`roles.${profile.role}`), profile.office),
                hub: describePerson(
                  connection.user.name,
                  t(`roles.${connection.user.role}`),
                  connection.user.office,
                ),
              })}
            </p>
          )}
          <Button
            className="button"
            onPress={() => {
              void forgetHubConnection(services.db);
              void forgetHubAccess({ bridge });
            }}
          >
            <Unplug aria-hidden size={15} /> {t('sync.hubPanel.disconnect')}
          </Button>
          <p className="muted">{t('sync.hubPanel.disconnectHelp')}</p>
        </>
      ) : (
        <form className="form" onSubmit={connect} noValidate>
          <TextField className="field" value={hubUrl} onChange={setHubUrl} isRequired type="url">
            <Label>{t('sync.hubPanel.url')}</Label>
            <Input placeholder="https://hub.example.org" autoComplete="url" />
            <Text slot="description" className="muted">
              {t('sync.hubPanel.urlHelp')}
            </Text>
          </TextField>
          <TextField className="field" value={code} onChange={setCode} isRequired>
            <Label>{t('sync.hubPanel.code')}</Label>
            <Input autoComplete="one-time-code" spellCheck={false} />
            <Text slot="description" className="muted">
              {t('sync.hubPanel.codeHelp')}
            </Text>
          </TextField>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <Button
              type="submit"
              className="button primary"
              isDisabled={isBusy || hubUrl.trim() === '' || code.trim() === ''}
            >
              <Link2 aria-hidden size={15} />{' '}
              {isBusy ? t('sync.hubPanel.connecting') : t('sync.hubPanel.connect')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
