// Ticks for a time axis that never repeat a label: progress histories span minutes to weeks, and a
// day-only label on a six-hour history printed "Dec 5" four times (issue 16, point 9). A span under
// two days gets hourly ticks labelled with the time; a longer one gets one tick per day.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TimeTicks {
  ticks: number[];
  unit: 'hour' | 'day';
}

/** Nice tick positions between `min` and `max` (epoch milliseconds), at most about `maxTicks`. */
export function timeTicks(min: number, max: number, maxTicks = 8): TimeTicks {
  if (!(max > min)) return { ticks: [min], unit: 'hour' };
  const span = max - min;
  const unit = span < 2 * DAY ? 'hour' : 'day';
  const base = unit === 'hour' ? HOUR : DAY;
  const steps = [1, 2, 3, 6, 12, 24, 48, 7 * 24, 14 * 24, 28 * 24].map((hours) => hours * HOUR);
  const step = steps.find((size) => size >= base && span / size <= maxTicks) ?? 28 * DAY;
  // Days start at local midnight, hours on the hour.
  const first = new Date(min);
  if (unit === 'day') first.setHours(0, 0, 0, 0);
  else first.setMinutes(0, 0, 0);
  const ticks: number[] = [];
  for (let time = first.getTime(); time <= max; time += step) {
    if (time >= min) ticks.push(time);
  }
  return { ticks: ticks.length > 0 ? ticks : [min], unit };
}

/** The label of a tick: "14:00" for hourly ticks, "5 Dec" (by language) for daily ones. */
export function formatTick(value: number, unit: TimeTicks['unit'], locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    unit === 'hour'
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale, options).format(value);
}
