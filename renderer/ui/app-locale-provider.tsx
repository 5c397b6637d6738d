// React Aria's primitives (select placeholders, date fields, number formats, reading direction)
// follow the app's language, not the browser's locale: an English screen on a German laptop said
// "Element wählen" (issue 16, point 10).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { I18nProvider } from 'react-aria-components';
import { appLocale } from '../i18n/date-format';

export function AppLocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <I18nProvider locale={appLocale(i18n.language)}>{children}</I18nProvider>;
}
