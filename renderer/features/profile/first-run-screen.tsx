// Shown until the device has a profile: who records answers and signs reports here.
import { useTranslation } from 'react-i18next';
import { ClipboardCheck } from 'lucide-react';
import { ProfileForm } from './profile-form';

export function FirstRunScreen() {
  const { t } = useTranslation();
  return (
    <main className="first-run" id="main">
      <section className="first-run-card" aria-labelledby="first-run-title">
        <ClipboardCheck className="first-run-icon" aria-hidden size={40} />
        <h1 id="first-run-title">{t('profile.welcomeTitle')}</h1>
        <p className="muted">{t('profile.welcomeBody')}</p>
        <ProfileForm submitLabel={t('profile.save')} />
      </section>
    </main>
  );
}
