// Dates and times as the user chose to read them (issue 16, point 10): by the app's language (English
// reads as in Europe, 24-hour: "5 Dec 2026, 14:30"; Spanish "5 dic 2026, 14:30"), or ISO 8601
// ("2026-12-05 14:30") for technical users. Never by the browser's locale, which may be neither.
// The choice is a UI preference kept in localStorage, like the language; changing it re-renders
// every translated screen (i18next's languageChanged, which react-i18next listens to).
import i18next from 'i18next';

export const DATE_STYLES = ['language', 'iso'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
const DATE_STYLE_KEY = 'golive.dateStyle';

/** The BCP 47 locale the app formats with and passes to React Aria, for one of its languages. */
export function appLocale(language: string): string {
  return language.startsWith('es') ? 'es-ES' : 'en-GB';
}

export function isDateStyle(value: unknown): value is DateStyle {
  return typeof value === 'string' && (DATE_STYLES as readonly string[]).includes(value);
}

export function currentDateStyle(): DateStyle {
  const stored = globalThis.localStorage?.getItem(DATE_STYLE_KEY);
  return isDateStyle(stored) ? stored : 'language';
}

export async function changeDateStyle(style: DateStyle): Promise<void> {
  globalThis.localStorage?.setItem(DATE_STYLE_KEY, style);
  await i18next.changeLanguage(i18next.language);
}

const pad = (value: number) => String(value).padStart(2, '0');

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A timestamp in local time: "5 Dec 2026, 14:30" by language, or "2026-12-05 14:30". */
export function formatDateTime(
  iso: string | undefined,
  language: string,
  style: DateStyle = currentDateStyle(),
): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (style === 'iso') return `${isoDay(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return new Intl.DateTimeFormat(appLocale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(date);
}

/** A calendar day ('YYYY-MM-DD'): "7 Dec 2026" by language, or "2026-12-07". */
export function formatDay(
  day: string,
  language: string,
  style: DateStyle = currentDateStyle(),
): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  if (style === 'iso') return `${year}-${pad(month)}-${pad(date)}`;
  return new Intl.DateTimeFormat(appLocale(language), { dateStyle: 'medium' }).format(
    new Date(year, month - 1, date),
  );
}
