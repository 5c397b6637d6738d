// Orderings shared by the comparison views, so a table, a heatmap and a CSV list runs alike:
// text compared for people (case-insensitive, "Office 9" before "Office 10"), then by code unit so
// the order is total and the same on every machine.

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Office, then run name, then run id. */
export function byOfficeThenRun(
  a: { office: string; runName: string; runId: string },
  b: { office: string; runName: string; runId: string },
): number {
  return (
    compareText(a.office, b.office) ||
    compareText(a.runName, b.runName) ||
    compareText(a.runId, b.runId)
  );
}
