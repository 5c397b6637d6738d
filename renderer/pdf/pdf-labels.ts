// Every fixed string of the sign-off PDF (headings, column names, state words), in one object with
// English defaults. The app passes translated labels (e.g. Spanish when the UI is Spanish); report
// text never goes through here. Placeholders in braces ({page}, {pages}, {time}, {file}, {count})
// are filled by the document builder. When adding a label, also add it to the app's translations.
import type { DefinitionKind, Severity } from '../../core/definitions/schema';
import type { SignaturePurpose } from '../../core/reports/report-format';
import type { GateDecision } from '../../core/runs/gate';
import type { ActorRole, ItemStatus } from '../../core/runs/model';

export interface PdfLabels {
  documentTitle: string;
  kind: Record<DefinitionKind, string>;
  decision: Record<GateDecision, string>;
  status: Record<ItemStatus, string>;
  /** Extra state words shown under the status. */
  failingWord: string;
  waivedWord: string;
  severity: Record<Severity, string>;
  roles: Record<ActorRole, string>;
  purpose: Record<SignaturePurpose, string>;

  // Page furniture.
  /** Header: "Report {fingerprint}". */
  headerFingerprint: string;
  /** Footer: "Page {page} of {pages}". */
  pageOf: string;
  /** Footer: "Generated {time}". */
  generatedAt: string;

  // Cover.
  decisionHeading: string;
  /** "{done} of {total} done", followed by the other counts. */
  progressLine: string;
  template: string;
  version: string;
  definitionHash: string;
  office: string;
  parameters: string;
  plannedGoLive: string;
  signedAt: string;
  revision: string;
  supersedes: string;
  supersedesNone: string;
  eventLog: string;
  /** "{count} events". */
  eventCount: string;
  /** "{count} devices": the devices whose logs make up a shared run's history. */
  deviceCount: string;
  /** The row naming every template version the run was on (runs moved to a newer version). */
  versionMoves: string;
  /** "moved from {from} to {to} on {at} by {by}". */
  versionMove: string;
  hiddenItems: string;
  signatures: string;
  noSignatures: string;
  purposeColumn: string;
  signer: string;
  role: string;
  time: string;
  keyFingerprint: string;
  comment: string;
  signatureMismatch: string;
  reportFingerprint: string;
  fingerprintHint: string;

  // Summary.
  summary: string;
  section: string;
  department: string;
  total: string;
  done: string;
  notApplicable: string;
  blocked: string;
  failing: string;
  percentComplete: string;
  allSections: string;
  estimate: string;
  actual: string;
  blockers: string;
  noBlockers: string;
  waivers: string;
  noWaivers: string;
  failingItems: string;
  noFailingItems: string;
  /** Format 5: files the report names whose bytes the signer did not hold (heading, note). */
  evidenceNotIncluded: string;
  evidenceNotIncludedNote: string;
  file: string;
  item: string;
  reason: string;
  justification: string;
  by: string;
  at: string;
  /** Who approved a waiver (four eyes), and when. */
  approvedBy: string;
  failure: string;
  /** Heading of the failing items' state column. */
  failingDecision: string;
  /** A failing item marked done with a reason. */
  doneAnyway: string;
  /** Shared runs: per person and department, the items finished, events and time. */
  whoDidWhat: string;
  person: string;
  finishedItems: string;
  events: string;
  timeTimed: string;

  // Items.
  items: string;
  /** "{count} items". */
  itemCount: string;
  id: string;
  value: string;
  /** Count values: "{count} named". */
  countNamed: string;
  rollbackPlan: string;
  notes: string;
  waiver: string;
  lastChange: string;
  /** "Started {time}" (not finished yet). */
  startedAt: string;
  /** "Finished {time}" (no start recorded). */
  finishedAt: string;
  attachments: string;
  /** Beside an attachment the signer did not hold: "not included". */
  notIncluded: string;
  noValue: string;
  /** A yes/no parameter's answers. */
  yes: string;
  no: string;

  // End matter.
  lessonsLearned: string;
  noLessonsLearned: string;
  howToVerify: string;
  /** "The signed report is embedded in this PDF as {file}. ..." */
  verifyText: string;
}

export const DEFAULT_PDF_LABELS: PdfLabels = {
  documentTitle: 'Go-live sign-off',
  kind: { 'new-office': 'New office go-live', 'client-onboarding': 'Client onboarding go-live' },
  decision: { go: 'GO', 'go-with-waivers': 'GO WITH WAIVERS', 'no-go': 'NO-GO' },
  status: { open: 'OPEN', done: 'DONE', 'not-applicable': 'N/A', blocked: 'BLOCKED' },
  failingWord: 'FAILING',
  waivedWord: 'WAIVED',
  severity: { blocking: 'blocking', major: 'major', minor: 'minor' },
  roles: {
    admin: 'Local ICT administrator',
    supervisor: 'Supervisor',
    head: 'Head of ICT',
    engineer: 'Engineer',
    coordinator: 'Technical account manager',
  },
  purpose: { 'sign-off': 'Sign-off', countersign: 'Countersignature', 'send-back': 'Sent back' },

  headerFingerprint: 'Report {fingerprint}',
  pageOf: 'Page {page} of {pages}',
  generatedAt: 'Generated {time}',

  decisionHeading: 'Decision',
  progressLine: '{done} of {total} done',
  template: 'Template',
  version: 'Version',
  definitionHash: 'Definition hash',
  office: 'Office',
  parameters: 'Parameters',
  plannedGoLive: 'Planned go-live',
  signedAt: 'Signed at',
  revision: 'Revision',
  supersedes: 'Supersedes',
  supersedesNone: 'none (first revision)',
  eventLog: 'Event log',
  eventCount: '{count} events',
  deviceCount: '{count} devices',
  versionMoves: 'Template versions',
  versionMove: 'moved from {from} to {to} on {at} by {by}',
  hiddenItems: 'Hidden items',
  signatures: 'Signatures',
  noSignatures: 'No signatures.',
  purposeColumn: 'Purpose',
  signer: 'Signer',
  role: 'Role',
  time: 'Time',
  keyFingerprint: 'Key fingerprint',
  comment: 'Comment',
  signatureMismatch: 'This signature covers a different report fingerprint:',
  reportFingerprint: 'Report fingerprint (SHA-256)',
  fingerprintHint:
    'The fingerprint of the signed report. Compare it with the one shown by the Verify screen, or scan the code.',

  summary: 'Summary',
  section: 'Section',
  department: 'Department',
  total: 'Total',
  done: 'Done',
  notApplicable: 'N/A',
  blocked: 'Blocked',
  failing: 'Failing',
  percentComplete: '% complete',
  allSections: 'All sections',
  estimate: 'Estimate',
  actual: 'Actual',
  blockers: 'Blockers',
  noBlockers: 'No item is blocked.',
  waivers: 'Waivers',
  noWaivers: 'No waivers.',
  failingItems: 'Failing items',
  noFailingItems: 'No failing items.',
  evidenceNotIncluded: 'Evidence not included',
  evidenceNotIncludedNote:
    'These files were attached on other laptops and had not reached the signing device: the report names them (size, SHA-256) as not included, and no bundle of it holds their bytes.',
  file: 'File',
  item: 'Item',
  reason: 'Reason',
  justification: 'Justification',
  by: 'By',
  at: 'At',
  approvedBy: 'Approved by',
  whoDidWhat: 'Who did what',
  person: 'Person',
  finishedItems: 'Items finished',
  events: 'Changes',
  timeTimed: 'Time timed',
  failure: 'Failure',
  failingDecision: 'State and decision',
  doneAnyway: 'Marked done anyway, because:',

  items: 'Items',
  itemCount: '{count} items',
  id: 'Id',
  value: 'Value',
  countNamed: '{count} named',
  rollbackPlan: 'Rollback plan',
  notes: 'Notes',
  waiver: 'Waiver',
  lastChange: 'Last change',
  startedAt: 'Started {time}',
  finishedAt: 'Finished {time}',
  attachments: 'Attachments',
  notIncluded: 'NOT INCLUDED',
  noValue: '—',
  yes: 'Yes',
  no: 'No',

  lessonsLearned: 'Lessons learned',
  noLessonsLearned: 'None recorded.',
  howToVerify: 'How to verify',
  verifyText:
    'The signed report is embedded in this PDF as {file}. Only that file is signed: these pages are a rendering of it, and where they differ the embedded report counts. Verify it with "npm run report:verify -- file.pdf" or in the app\'s Verify screen: it checks the signatures and shows the fingerprint below.',
};
