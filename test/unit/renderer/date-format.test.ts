// Dates follow the app's language, never the browser's locale, in 24-hour time; or ISO 8601 when
// the user chose it (issue 16, point 10: an English screen showed "12/05/2026, 2:30 PM").
import { describe, expect, it } from 'vitest';
import { appLocale, formatDateTime, formatDay } from '../../../renderer/i18n/date-format';

const afternoon = new Date(2026, 11, 5, 14, 30).toISOString();

describe('date formats', () => {
  it('reads English as day-month-year with a 24-hour clock', () => {
    expect(formatDateTime(afternoon, 'en', 'language')).toBe('5 Dec 2026, 14:30');
    expect(formatDay('2026-12-07', 'en', 'language')).toBe('7 Dec 2026');
  });

  it('reads Spanish in Spanish', () => {
    expect(formatDateTime(afternoon, 'es', 'language')).toBe('5 dic 2026, 14:30');
    expect(formatDay('2026-12-07', 'es', 'language')).toBe('7 dic 2026');
  });

  it('offers ISO 8601 whatever the language', () => {
    expect(formatDateTime(afternoon, 'es', 'iso')).toBe('2026-12-05 14:30');
    expect(formatDay('2026-12-07', 'en', 'iso')).toBe('2026-12-07');
  });

  it('keeps what it cannot read, and gives React Aria a full locale', () => {
    expect(formatDay('someday', 'en', 'language')).toBe('someday');
    expect(formatDateTime(undefined, 'en')).toBe('');
    expect(appLocale('en')).toBe('en-GB');
    expect(appLocale('es')).toBe('es-ES');
  });
});
