// i18next set-up. Every user-visible string goes through t(); the language choice is kept in
// localStorage (a UI preference, not domain data) so it applies before IndexedDB opens.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadLanguage } from './load-language';

export const SUPPORTED_LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
const LANGUAGE_KEY = 'golive.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  if (isLanguage(stored)) return stored;
  const fromBrowser = globalThis.navigator?.language?.slice(0, 2);
  return isLanguage(fromBrowser) ? fromBrowser : 'en';
}

export async function initI18n(): Promise<typeof i18next> {
  const wanted = initialLanguage();
  await i18next.use(initReactI18next).init({
    // Only the active language's strings are loaded, now and on a change (load-language.ts).
    resources: {},
    lng: wanted,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    // A key the strings do not have is shown raw ("runs.detail.waitingOn"): say so in the console,
    // where the e2e suite fails on it (test/e2e/fixtures.ts).
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) =>
      console.error(`Missing translation key "${key}" (${[languages].flat().join(', ')})`),
  });
  const ready = await loadLanguage(i18next, wanted);
  if (ready !== i18next.language) await i18next.changeLanguage(ready);
  document.documentElement.lang = i18next.language;
  return i18next;
}

/** Switches the whole app to the language (English if its strings cannot be loaded). */
export async function changeLanguage(language: Language): Promise<void> {
  const ready = await loadLanguage(i18next, language);
  await i18next.changeLanguage(ready);
  if (ready === language) globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = ready;
}
