// The frame around every screen: skip link, navigation, the main landmark and the status bar.
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CircleCheck, ClipboardCheck, WifiOff } from 'lucide-react';
import type { Profile } from '../../core/people/profile';
import { NAVIGATION } from './navigation';
import { ErrorBoundary } from './error-boundary';
import { useAppInfo } from './use-app-info';
import { useOnlineStatus } from './use-online-status';
import { useProfile } from '../features/profile/use-profile';
import { DesktopIntegration } from '../features/desktop/desktop-integration';
import { SyncStatus } from '../features/sync/sync-status';
import { useAppSync } from '../sync/app-sync';

export function AppShell() {
  const { t } = useTranslation();
  const profile = useProfile();
  // Sync runs while the app is open and someone uses it (at start, online, on a timer, Sync now).
  useAppSync(Boolean(profile));
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <ClipboardCheck aria-hidden size={22} />
          <span>{t('app.name')}</span>
        </div>
        <nav aria-label={t('app.mainNavigation')} className="main-nav">
          <ul>
            {NAVIGATION.map(({ path, labelKey, icon: Icon }) => (
              <li key={path}>
                <NavLink to={path} className="nav-link">
                  <Icon aria-hidden size={18} />
                  <span>{t(`nav.${labelKey}`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="app-main">
        <DesktopIntegration />
        <ErrorBoundary>
          <Outlet />
        </ErrorBoundary>
      </main>
      {profile && <StatusBar profile={profile} />}
    </div>
  );
}

function StatusBar({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const isOnline = useOnlineStatus();
  const info = useAppInfo();
  return (
    <footer className="status-bar" aria-label={t('app.statusBar')}>
      <span className="status-item">
        {isOnline ? (
          <CircleCheck aria-hidden size={14} className="ok" />
        ) : (
          <WifiOff aria-hidden size={14} className="warn" />
        )}
        {isOnline ? t('app.online') : t('app.offline')}
      </span>
      <SyncStatus />
      <span className="status-item">
        {profile.name} · {t(`roles.${profile.role}`)} · {profile.office}
      </span>
      {info && (
        <span className="status-item status-end">
          {info.runtime === 'desktop' ? t('app.runtimeDesktop') : t('app.runtimeWeb')} · v
          {info.version}
        </span>
      )}
    </footer>
  );
}
