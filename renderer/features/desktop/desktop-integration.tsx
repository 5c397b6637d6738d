// The desktop app's glue in the shell: acts on menu commands, keeps the second copy of signed
// reports, keeps the CSP's hub in step with the enrolled one, and shows what they have to say. Rendered once by the app shell (renderer/app/); in web
// mode it renders nothing but the (empty) notices.
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { X } from 'lucide-react';
import { useProfile } from '../profile/use-profile';
import { NewRunDialog } from '../runs/new-run-dialog';
import { registerDesktopText } from './desktop-text';
import { useDesktopStore } from './use-desktop-store';
import { useHubOrigin } from './use-hub-origin';
import { useMenuCommands } from './use-menu-commands';
import { useReportMirror } from './use-report-mirror';

export function DesktopIntegration() {
  const { t, i18n } = useTranslation();
  registerDesktopText(i18n);
  useMenuCommands();
  useReportMirror();
  useHubOrigin();
  const profile = useProfile();
  const { isNewRunOpen, setNewRunOpen, notices, dismiss } = useDesktopStore();
  const { pathname } = useLocation();
  // The dialog starts a run and goes to it: it belongs to the runs list, so it closes elsewhere.
  useEffect(() => {
    if (pathname !== '/runs') setNewRunOpen(false);
  }, [pathname, setNewRunOpen]);
  return (
    <>
      {notices.length > 0 && (
        <section className="desktop-notices" aria-label={t('desktop.notices')}>
          {notices.map((notice) => (
            <p
              key={notice.id}
              role={notice.tone === 'bad' ? 'alert' : 'status'}
              className={`panel ${notice.tone === 'ok' ? 'ok-text' : 'bad'}`}
            >
              {notice.text}{' '}
              <Button
                className="icon-button"
                aria-label={t('desktop.dismiss')}
                onPress={() => dismiss(notice.id)}
              >
                <X aria-hidden size={14} />
              </Button>
            </p>
          ))}
        </section>
      )}
      {profile && (
        <NewRunDialog isOpen={isNewRunOpen} onOpenChange={setNewRunOpen} profile={profile} />
      )}
    </>
  );
}
