// Each language's strings are their own chunk, fetched when that language is first used: the first
// page loads only the active language (the strings of both were ~100 KB of the first page's JS).
// When a language's chunk cannot be loaded (a web-mode tab left open across an update, a damaged
// install), the app falls back to English rather than showing raw keys or nothing at all.
import type { i18n as I18n } from 'i18next';
import type { Translation } from './locales/en';
import type { Language } from './i18n';

export type StringLoaders = Record<Language, () => Promise<Translation>>;

export const bundledStrings: StringLoaders = {
  en: () => import('./locales/en').then((module) => module.en),
  es: () => import('./locales/es').then((module) => module.es),
};

/** Whether the language's own strings are in the store (not only a feature's added bundle). */
function hasStrings(i18n: I18n, language: Language): boolean {
  return i18n.getResource(language, 'translation', 'app.name') !== undefined;
}

/**
 * Loads the language's strings into i18next (once) and resolves with the language that is ready:
 * the one asked for, or English when its strings could not be loaded. Rejects only when English
 * cannot be loaded either.
 */
export async function loadLanguage(
  i18n: I18n,
  language: Language,
  loaders: StringLoaders = bundledStrings,
): Promise<Language> {
  if (hasStrings(i18n, language)) return language;
  try {
    // Deep merge, keeping what a feature added already (its strings are registered on first use).
    i18n.addResourceBundle(language, 'translation', await loaders[language](), true, false);
    return language;
  } catch (error) {
    if (language === 'en') throw error;
    console.error(`Could not load the ${language} strings; showing English instead`, error);
    return loadLanguage(i18n, 'en', loaders);
  }
}
