// Minutes as a short duration ("45 min", "2 h", "3 h 15 min"), through the translator.
import type { TFunction } from 'i18next';

export function formatMinutes(t: TFunction, minutes: number | undefined): string {
  if (minutes === undefined) return t('templates.duration.none');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('templates.duration.minutes', { minutes: rest });
  if (rest === 0) return t('templates.duration.hours', { hours });
  return t('templates.duration.hoursMinutes', { hours, minutes: rest });
}
