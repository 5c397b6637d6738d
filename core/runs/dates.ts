// Calendar dates ('YYYY-MM-DD') and ISO timestamps without reading the clock: "today" and "now"
// are always passed in by the caller (the core is pure).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True for a real calendar date written 'YYYY-MM-DD' (no 2025-02-30). */
export function isValidDate(date: string): boolean {
  const p = parts(date);
  if (!p) return false;
  const [year, month, day] = p;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Accepts ISO timestamps too. */
export function daysBetween(from: string, to: string): number {
  const a = parts(from.slice(0, 10));
  const b = parts(to.slice(0, 10));
  if (!a || !b) return Number.NaN;
  const dayMs = 86_400_000;
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / dayMs);
}

/** Minutes between two ISO timestamps, or undefined when either does not parse or end < start. */
export function minutesBetween(start: string, end: string): number | undefined {
  const a = Date.parse(start);
  const b = Date.parse(end);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return undefined;
  return (b - a) / 60_000;
}

/** "45 min", "2 h", "2 h 30 min". */
export function formatMinutes(minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
