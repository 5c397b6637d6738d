// The replica test's result as Markdown, for the log and the closing note: one row per fault
// scenario (what the devices pushed, what went wrong on the way, and what was lost or stored twice,
// on the hub and in the notifications), then the two races that need two processes.
import type { EnrollmentRace, SenderRace } from './replica-races';
import type { ScenarioRow } from './replica-scenario';

export interface ReplicaTableInput {
  seed: number;
  rows: readonly ScenarioRow[];
  enrollment: EnrollmentRace | undefined;
  senders: SenderRace | undefined;
}

const HEADERS = [
  'scenario',
  'requests',
  'switches',
  'split',
  'faults',
  'items',
  'lost',
  'duplicated',
  'mismatched',
  '201s per instance',
  'notifications written / received',
  'notifications lost',
  'notifications twice',
  'drain ms',
] as const;

function cells(row: ScenarioRow): string[] {
  const items = row.expected.reports + row.expected.signatures + row.expected.snapshots;
  return [
    row.label,
    String(row.requests),
    String(row.switches),
    String(row.splits),
    String(row.faults),
    `${items} (${row.expected.reports} reports, ${row.expected.signatures} countersigns, ${row.expected.snapshots} snapshots)`,
    String(row.lost),
    String(row.duplicated),
    String(row.mismatches),
    row.storedPerInstance.join(' + '),
    `${row.notifications.written} / ${row.notifications.received}`,
    String(row.notifications.lost),
    String(row.notifications.duplicated),
    String(row.drainMs),
  ];
}

/** Pads every column to its widest cell, as prettier formats a Markdown table. */
function markdownTable(header: readonly string[], body: readonly string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...body.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)];
}

function enrollmentLine(race: EnrollmentRace | undefined): string {
  if (race === undefined) return '- enrollment race: not run';
  const losers = Object.entries(race.loserStatuses)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  return (
    `- enrollment race: ${race.codes} codes, each redeemed on both instances at once: ` +
    `${race.once} enrolled exactly one device, ${race.wrong} enrolled none or two; ` +
    `the losers were told ${losers === '' ? 'nothing' : losers}`
  );
}

function sendersLine(race: SenderRace | undefined): string {
  if (race === undefined) return '- sender race: not run';
  return (
    `- sender race: ${race.written} notifications in one outbox, both instances' senders ` +
    `delivering: ${race.received} received, ${race.distinct} distinct, ${race.lost} lost, ` +
    `${race.duplicated} twice; sent per instance ${race.sentPerInstance.join(' + ')}`
  );
}

export function formatReplicaTable(input: ReplicaTableInput): string {
  const lines = [
    `two hub instances (node dist/hub/main.js) on one PostgreSQL, a fault proxy in front of each, ` +
      `devices switching instance per request; seed ${input.seed}`,
    '',
    ...markdownTable(HEADERS, input.rows.map(cells)),
    '',
    ...input.rows
      .filter((row) => row.kinds !== '')
      .map((row) => `- faults in "${row.label}": ${row.kinds}`),
    ...input.rows
      .filter((row) => row.stuck.length > 0)
      .map((row) => `- stuck in "${row.label}": ${row.stuck.join('; ')}`),
    enrollmentLine(input.enrollment),
    sendersLine(input.senders),
  ];
  return `${lines.join('\n')}\n`;
}
