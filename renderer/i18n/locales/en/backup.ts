// English strings of the backup feature.
export const backup = {
  title: 'Backup and restore',
  intro:
    'Never work without insurance: save everything on this device (runs, answers, history, evidence, templates) to one file, and restore it here or on another laptop. A restore never overwrites newer work.',
  export: 'Back up all data…',
  restore: 'Restore from backup…',
  restoreTitle: 'Choose a backup file',
  working: 'Working…',
  saved: 'Backup saved: {{location}}',
  restored:
    'Restored {{runs}} runs, {{reports}} signed reports, {{definitions}} templates, {{attachments}} evidence files and {{keys}} trusted keys.',
  skipped_one: '{{count}} run was kept as it is on this device:',
  skipped_other: '{{count}} runs were kept as they are on this device:',
  conflicts_one: '{{count}} conflict needs a look:',
  conflicts_other: '{{count}} conflicts need a look:',
};
