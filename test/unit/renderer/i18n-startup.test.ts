// @vitest-environment jsdom
// The app's i18n start-up with lazily loaded strings (issue 14, first paint): the stored language
// is the only one loaded at start, and switching language loads the other one's strings first, so
// the first render after the switch is already translated.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { changeLanguage, initI18n } from '../../../renderer/i18n/i18n';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';

describe('initI18n and changeLanguage', () => {
  it('start in the stored language only, and switch with the new strings in place', async () => {
    localStorage.setItem('golive.language', 'es');
    await initI18n();
    expect(i18next.language).toBe('es');
    expect(document.documentElement.lang).toBe('es');
    expect(i18next.t('nav.settings')).toBe(es.nav.settings);
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);

    let firstTextAfterSwitch: string | undefined;
    i18next.on('languageChanged', () => (firstTextAfterSwitch ??= i18next.t('nav.settings')));
    await changeLanguage('en');
    expect(firstTextAfterSwitch).toBe(en.nav.settings);
    expect(i18next.t('profile.save')).toBe(en.profile.save);
    expect(localStorage.getItem('golive.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
