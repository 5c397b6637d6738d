// English strings of the sign-off feature.
export const signoff = {
  action: 'Sign off…',
  actionHelp: 'Signing off needs GO (or GO with waivers).',
  title: 'Sign off {{name}}',
  withWaivers_one: 'with {{count}} waiver on record',
  withWaivers_other: 'with {{count}} waivers on record',
  approvedBy: 'approved by {{name}}',
  lessons: 'Lessons learned',
  lessonsPlaceholder: 'What went wrong, what took longer than planned, which check was missing…',
  lessonsHelp:
    'They go into the report and feed the next version of the template. Nothing went wrong? Say so.',
  lessonsRequired: 'Write the lessons learned (or say that there were none).',
  lessonsCarried:
    'Carried over from revision {{revision}}: edit them for this revision (what the send-back taught, too).',
  open: {
    heading: 'Still open when you sign',
    blocking_one: '{{count}} blocking item open',
    blocking_other: '{{count}} blocking items open',
    major_one: '{{count}} major item open',
    major_other: '{{count}} major items open',
    minor_one: '{{count}} minor item open',
    minor_other: '{{count}} minor items open',
    waivers:
      'Waivers: {{approved}} approved by a supervisor, {{pending}} pending, {{refused}} refused',
  },
  consequence:
    'Signing as {{name}} freezes this run: nothing can change afterwards. The report is queued for the hub and can be exported as a PDF.',
  sign: 'Sign off',
  signing: 'Signing…',
  cancel: 'Cancel',
  signedHeading: 'Signed report',
  signedBy: 'Signed off by {{name}}, {{time}}',
  revision: 'revision {{revision}}',
  fingerprint: 'fingerprint',
  countersignedBy: 'Countersigned by {{name}}',
  sentBackBy: 'Sent back by {{name}}',
  exportPdf: 'Export PDF',
  exportBundle: 'Export bundle',
  exporting: 'Exporting…',
  saved: 'Saved: {{location}}',
  reopen: 'Reopen for a new revision',
  sentBackHeading: 'Sent back for a new revision',
  sentBackNext:
    'Revision {{revision}} was sent back on {{time}}. Fix what is asked and sign off again: revision {{next}} will replace it.',
  failing: {
    heading_one: '{{count}} failing answer',
    heading_other: '{{count}} failing answers',
    help: 'These answers fail their check. They are signed as they are and listed on the PDF summary.',
    accepted: 'Marked done anyway by {{name}}: {{reason}}',
    waived: 'Blocking item, waived.',
    state: 'Not done: {{status}}.',
    doneUnacknowledged:
      'Done, but this failure was never accepted: what it is judged against changed after it was done.',
  },
  reviewState: { countersigned: 'Countersigned', 'sent-back': 'Sent back' },
};
