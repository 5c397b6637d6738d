// Dates as the runs feature shows them: local calendar days, and timestamps by the app's language
// or ISO 8601 as the user chose (renderer/i18n/date-format.ts, one formatter for the whole app).
export { formatDateTime, formatDay } from '../../i18n/date-format';

export function todayIso(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
