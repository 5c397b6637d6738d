// Typing a date into the app's DateField (renderer/ui/date-field.tsx, React Aria): one segment per
// part, found by its part (data-type) rather than by position, so the same call works whatever order
// the app's language and date setting lay the segments out in (05/12/2026, 2026-12-05).
import type { Locator } from '@playwright/test';

/**
 * Types `isoDate` ('YYYY-MM-DD') into the date field `field` (its group, e.g.
 * `page.getByRole('group', { name: 'Planned go-live date' })`). Year first, then month, then day,
 * so no day is ever checked against a month not typed yet. Focus ends in the day segment.
 */
export async function fillDate(field: Locator, isoDate: string): Promise<void> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`fillDate wants a YYYY-MM-DD date, got "${isoDate}".`);
  const [, year, month, day] = match as unknown as [string, string, string, string];
  for (const [part, digits] of [
    ['year', year],
    ['month', month],
    ['day', day],
  ] as const) {
    const segment = field.locator(`[data-type="${part}"]`);
    await segment.click();
    await segment.pressSequentially(digits);
  }
}

/** The group of the date field labelled exactly `name` inside `scope` ('Date' is not 'Due date'). */
export function dateField(scope: Pick<Locator, 'getByRole'>, name: string | RegExp): Locator {
  return scope.getByRole('group', { name, exact: true });
}
