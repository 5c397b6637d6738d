// Settings: the profile, the language and date format, whether this device's storage is
// persistent, the hub and backups. Two even columns: the person and the device on the left, the
// hub and backups on the right, so the hub is on the first screen (issue 16, point 11).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { HardDrive, ShieldAlert, ShieldCheck } from 'lucide-react';
import { Screen } from '../../ui/screen';
import { changeLanguage, isLanguage, SUPPORTED_LANGUAGES } from '../../i18n/i18n';
import {
  changeDateStyle,
  currentDateStyle,
  DATE_STYLES,
  formatDateTime,
  isDateStyle,
} from '../../i18n/date-format';
import {
  readStorageStatus,
  requestPersistentStorage,
  type StorageStatus,
} from '../../storage/persistence';
import { ProfileForm } from '../profile/profile-form';
import { useProfile } from '../profile/use-profile';
import { useAppInfo } from '../../app/use-app-info';
import { formatBytes } from '../../ui/format';
import { SelectField } from '../../ui/select-field';
import { BackupPanel } from '../backup/backup-panel';
import './settings.css';
import { HubConnectionPanel } from '../sync/hub-connection-panel';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <Screen title={t('settings.title')}>
      <div className="settings-columns">
        <div className="settings-column">
          <ProfileSection />
          <LanguageSection />
          <StorageSection />
          <AboutSection />
        </div>
        <div className="settings-column">
          <HubConnectionPanel />
          <BackupPanel />
        </div>
      </div>
    </Screen>
  );
}

function ProfileSection() {
  const { t } = useTranslation();
  const profile = useProfile();
  const [isSaved, setSaved] = useState(false);
  if (!profile) return null;
  return (
    <section className="panel" aria-labelledby="settings-profile">
      <h2 id="settings-profile">{t('settings.profile')}</h2>
      <ProfileForm
        initial={profile}
        submitLabel={t('settings.saveProfile')}
        onSaved={() => setSaved(true)}
      />
      {isSaved && (
        <p role="status" className="ok-text">
          {t('settings.saved')}
        </p>
      )}
    </section>
  );
}

/** The moment the date format choices show as their example. */
const EXAMPLE_TIME = new Date(2026, 11, 5, 14, 30).toISOString();

function LanguageSection() {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.language')}</h2>
      <SelectField
        label={t('settings.language')}
        value={i18n.language}
        description={t('settings.languageHelp')}
        options={SUPPORTED_LANGUAGES.map((language) => ({
          id: language,
          label: t(`languages.${language}`),
          lang: language,
        }))}
        onChange={(key) => {
          if (isLanguage(key)) void changeLanguage(key);
        }}
      />
      <SelectField
        label={t('settings.dateFormat')}
        value={currentDateStyle()}
        description={t('settings.dateFormatHelp')}
        options={DATE_STYLES.map((style) => ({
          id: style,
          label: t(`settings.dateStyles.${style}`, {
            example: formatDateTime(EXAMPLE_TIME, i18n.language, style),
          }),
        }))}
        onChange={(key) => {
          if (isDateStyle(key)) void changeDateStyle(key);
        }}
      />
    </section>
  );
}

function StorageSection() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StorageStatus>();
  useEffect(() => {
    void readStorageStatus().then(setStatus);
  }, []);
  return (
    <section className="panel" aria-labelledby="settings-storage">
      <h2 id="settings-storage">{t('settings.storage')}</h2>
      <p className="storage-state" data-testid="storage-persistence">
        {status === undefined && t('settings.persistenceUnknown')}
        {status?.persistence === 'persistent' && (
          <>
            <ShieldCheck aria-hidden size={16} className="ok" /> {t('settings.persistent')}
          </>
        )}
        {status?.persistence === 'best-effort' && (
          <>
            <ShieldAlert aria-hidden size={16} className="warn" /> {t('settings.notPersistent')}
          </>
        )}
        {status?.persistence === 'unsupported' && t('settings.persistenceUnsupported')}
      </p>
      {status?.usageBytes !== undefined && status.quotaBytes !== undefined && (
        <p className="muted">
          <HardDrive aria-hidden size={14} />{' '}
          {t('settings.usage', {
            used: formatBytes(status.usageBytes),
            quota: formatBytes(status.quotaBytes),
          })}
        </p>
      )}
      {status?.persistence === 'best-effort' && (
        <Button className="button" onPress={() => void requestPersistentStorage().then(setStatus)}>
          {t('settings.requestPersistence')}
        </Button>
      )}
    </section>
  );
}

function AboutSection() {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <section className="panel" aria-labelledby="settings-about">
      <h2 id="settings-about">{t('settings.about')}</h2>
      {info && (
        <p>
          {t('settings.version', {
            version: info.version,
            runtime: info.runtime === 'desktop' ? t('app.runtimeDesktop') : t('app.runtimeWeb'),
            platform: info.platform,
          })}
        </p>
      )}
    </section>
  );
}
