// The native confirmation main shows before the device key signs (what you see is what you sign):
// the decision, the run, the office, the revision, the comment, who signs, and the report
// fingerprint, all read from the checked statement and the body its reportHash binds, never from
// text the renderer chose. English and Spanish, like the renderer. Cancel is the default button, so
// a stray Enter signs nothing.
// When a purpose is added to core's SignaturePurpose, the Record types below fail to compile until
// it has its words here.

import type { MessageBoxOptions } from 'electron';
import type { SignaturePurpose, SignerRole } from '../../core/reports/report-format';
import type { StatementToSign } from '../../core/reports/statement-to-sign';
import type { DialogLanguage } from '../common/ipc-contract';

interface ConfirmationText {
  title: string;
  question: Record<SignaturePurpose, string>;
  button: Record<SignaturePurpose, string>;
  cancel: string;
  run: string;
  office: string;
  decision: string;
  decisionOf: Record<SignaturePurpose, string>;
  gate: Record<'go' | 'go-with-waivers' | 'no-go', string>;
  revision: string;
  comment: string;
  signer: string;
  roles: Record<SignerRole, string>;
  fingerprint: string;
  sha256: string;
  warning: string;
}

export const CONFIRMATION_TEXT: Record<DialogLanguage, ConfirmationText> = {
  en: {
    title: 'Confirm your signature',
    question: {
      'sign-off': 'Sign off “{run}” as ready to go live?',
      countersign: 'Countersign the go-live report of “{run}”?',
      'send-back': 'Send the go-live report of “{run}” back for a new revision?',
    },
    button: { 'sign-off': 'Sign off', countersign: 'Countersign', 'send-back': 'Send back' },
    cancel: 'Cancel',
    run: 'Run',
    office: 'Office',
    decision: 'Decision',
    decisionOf: {
      'sign-off': 'sign-off, gate {gate}',
      countersign: 'countersign (approve the report)',
      'send-back': 'send back for a new revision',
    },
    gate: { go: 'GO', 'go-with-waivers': 'GO with waivers ({count})', 'no-go': 'NO-GO' },
    revision: 'Revision',
    comment: 'Comment',
    signer: 'Signed as',
    roles: {
      admin: 'administrator',
      supervisor: 'supervisor',
      head: 'head of ICT',
      coordinator: 'technical account manager',
    },
    fingerprint: 'Report fingerprint',
    sha256: 'SHA-256',
    warning:
      'Only this report is signed, with this device’s key. If you did not just ask to sign it, press Cancel.',
  },
  es: {
    title: 'Confirme su firma',
    question: {
      'sign-off': '¿Firmar «{run}» como listo para la puesta en marcha?',
      countersign: '¿Refrendar el informe de puesta en marcha de «{run}»?',
      'send-back': '¿Devolver el informe de puesta en marcha de «{run}» para una nueva revisión?',
    },
    button: { 'sign-off': 'Firmar', countersign: 'Refrendar', 'send-back': 'Devolver' },
    cancel: 'Cancelar',
    run: 'Ejecución',
    office: 'Oficina',
    decision: 'Decisión',
    decisionOf: {
      'sign-off': 'firma, puerta {gate}',
      countersign: 'refrendo (aprobar el informe)',
      'send-back': 'devolución para una nueva revisión',
    },
    gate: { go: 'GO', 'go-with-waivers': 'GO con excepciones ({count})', 'no-go': 'NO-GO' },
    revision: 'Revisión',
    comment: 'Comentario',
    signer: 'Firma como',
    roles: {
      admin: 'administrador/a',
      supervisor: 'supervisor/a',
      head: 'responsable global de TIC',
      coordinator: 'gestor/a técnico/a de cuenta',
    },
    fingerprint: 'Huella del informe',
    sha256: 'SHA-256',
    warning:
      'Solo se firma este informe, con la clave de este dispositivo. Si no acaba de pedir firmarlo, pulse Cancelar.',
  },
};

/** Index of the button that signs; the other one (Cancel) is the default and the cancel button. */
export const SIGN_BUTTON = 0;
export const CANCEL_BUTTON = 1;

const LONGEST_FIELD = 160;
const LONGEST_COMMENT = 600;

// Control characters (C0, DEL, C1), the Arabic letter mark, left-to-right and right-to-left marks,
// and the bidirectional embeddings, overrides and isolates.
/* eslint-disable no-control-regex -- control characters are exactly what is removed */
const UNSAFE_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/**
 * Text from a report as it may be shown in a native dialog: control characters and bidirectional
 * overrides (which can make "evil" read as "live") become spaces, and long text is cut short, so
 * a crafted run name can neither reorder the dialog nor push the fingerprint out of sight.
 */
export function displayText(text: string, longest = LONGEST_FIELD): string {
  const clean = text.replace(UNSAFE_CHARACTERS, ' ');
  const characters = [...clean];
  return characters.length > longest ? `${characters.slice(0, longest - 1).join('')}…` : clean;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** The report fingerprint as the app shows it elsewhere: the first 16 hex digits of reportHash. */
export function reportFingerprint(reportHash: string): string {
  return reportHash.slice(0, 16);
}

/** The message box for one checked statement. */
export function signingConfirmationOptions(
  { statement, body, reportHash }: StatementToSign,
  language: DialogLanguage = 'en',
): MessageBoxOptions {
  const text = CONFIRMATION_TEXT[language];
  const { purpose, signer } = statement;
  const run = displayText(body.run.name);
  const gate = fill(text.gate[body.gate.decision], { count: body.gate.waivers.length });
  const lines = [
    `${text.run}: ${run} (${displayText(body.definition.title)} ${displayText(body.definition.version, 40)})`,
    `${text.office}: ${displayText(body.run.office)}`,
    `${text.decision}: ${fill(text.decisionOf[purpose], { gate })}`,
    `${text.revision}: ${body.revision}`,
    ...(statement.comment === undefined || statement.comment.trim() === ''
      ? []
      : [`${text.comment}: ${displayText(statement.comment, LONGEST_COMMENT)}`]),
    `${text.signer}: ${displayText(signer.name)} (${text.roles[signer.role]}${signer.office === undefined ? '' : `, ${displayText(signer.office)}`})`,
    `${text.fingerprint}: ${reportFingerprint(reportHash)}`,
    `${text.sha256}: ${reportHash}`,
    '',
    text.warning,
  ];
  return {
    type: 'question',
    title: text.title,
    message: fill(text.question[purpose], { run }),
    detail: lines.join('\n'),
    buttons: [text.button[purpose], text.cancel],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}
