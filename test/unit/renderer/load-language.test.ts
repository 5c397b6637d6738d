// Lazy language strings (issue 14, first paint): only the active language is loaded, once, and a
// language whose strings cannot be loaded falls back to English instead of showing raw keys.
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bundledStrings,
  loadLanguage,
  type StringLoaders,
} from '../../../renderer/i18n/load-language';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';

async function freshI18n() {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: {}, lng: 'en', fallbackLng: 'en' });
  return i18n;
}

function countingLoaders(overrides: Partial<StringLoaders> = {}) {
  const calls: string[] = [];
  const loaders: StringLoaders = {
    en: () => (calls.push('en'), Promise.resolve(en)),
    es: () => (calls.push('es'), Promise.resolve(es)),
    ...overrides,
  };
  return { loaders, calls };
}

afterEach(() => vi.restoreAllMocks());

describe('loadLanguage', () => {
  it('loads only the language asked for, once', async () => {
    const i18n = await freshI18n();
    const { loaders, calls } = countingLoaders();
    expect(await loadLanguage(i18n, 'es', loaders)).toBe('es');
    expect(await loadLanguage(i18n, 'es', loaders)).toBe('es');
    expect(calls).toEqual(['es']);
    expect(i18n.getFixedT('es')('nav.settings')).toBe(es.nav.settings);
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
  });

  it('keeps a bundle a feature added before the language was loaded', async () => {
    const i18n = await freshI18n();
    i18n.addResourceBundle('es', 'translation', { desktop: { dismiss: 'Descartar' } }, true, false);
    const { loaders, calls } = countingLoaders();
    expect(await loadLanguage(i18n, 'es', loaders)).toBe('es');
    expect(calls).toEqual(['es']);
    const t = i18n.getFixedT('es');
    expect(t('desktop.dismiss')).toBe('Descartar');
    expect(t('app.name')).toBe(es.app.name);
  });

  it('falls back to English when a language cannot be loaded, and says why', async () => {
    const i18n = await freshI18n();
    const failure = new Error('Failed to fetch dynamically imported module: es-abc.js');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { loaders, calls } = countingLoaders({ es: () => Promise.reject(failure) });
    expect(await loadLanguage(i18n, 'es', loaders)).toBe('en');
    expect(calls).toEqual(['en']);
    expect(i18n.getFixedT('en')('nav.settings')).toBe(en.nav.settings);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('es strings'), failure);
  });

  it('rejects when English itself cannot be loaded', async () => {
    const i18n = await freshI18n();
    const failure = new Error('offline');
    const { loaders } = countingLoaders({ en: () => Promise.reject(failure) });
    await expect(loadLanguage(i18n, 'en', loaders)).rejects.toBe(failure);
  });

  it('the bundled loaders give each language its own strings', async () => {
    expect(await bundledStrings.en()).toBe(en);
    expect(await bundledStrings.es()).toBe(es);
  });
});
