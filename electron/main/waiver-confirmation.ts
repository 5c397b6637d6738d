// The native confirmation main shows before the device key signs a supervisor's waiver decision
// (what you see is what you sign): approve or refuse, the run, the office, the item, the request it
// answers (justification, when asked) and the comment, all read from the checked statement, never
// from text the renderer chose beside it. English and Spanish. Cancel is the default button, so a
// stray Enter signs nothing. Text is cleaned like signing-confirmation.ts's.

import type { MessageBoxOptions } from 'electron';
import type { WaiverStatement, WaiverVerdict } from '../../core/runs/waiver-decision';
import type { DialogLanguage } from '../common/ipc-contract';
import { CANCEL_BUTTON, displayText } from './signing-confirmation';

interface WaiverConfirmationText {
  title: string;
  question: Record<WaiverVerdict, string>;
  button: Record<WaiverVerdict, string>;
  cancel: string;
  run: string;
  office: string;
  item: string;
  request: string;
  requestedAt: string;
  comment: string;
  signer: string;
  warning: string;
}

export const WAIVER_CONFIRMATION_TEXT: Record<DialogLanguage, WaiverConfirmationText> = {
  en: {
    title: 'Confirm your decision',
    question: {
      approve: 'Approve the waiver of “{item}”? It will count toward GO.',
      refuse: 'Refuse the waiver of “{item}”? The gate stays at NO-GO.',
    },
    button: { approve: 'Approve waiver', refuse: 'Refuse waiver' },
    cancel: 'Cancel',
    run: 'Run',
    office: 'Office',
    item: 'Item',
    request: 'Request',
    requestedAt: 'Requested at',
    comment: 'Comment',
    signer: 'Signed as',
    warning:
      'Only this decision is signed, with this device’s key. If you did not just ask to decide it, press Cancel.',
  },
  es: {
    title: 'Confirme su decisión',
    question: {
      approve: '¿Aprobar la dispensa de «{item}»? Contará para el GO.',
      refuse: '¿Rechazar la dispensa de «{item}»? La puerta sigue en NO-GO.',
    },
    button: { approve: 'Aprobar dispensa', refuse: 'Rechazar dispensa' },
    cancel: 'Cancelar',
    run: 'Ejecución',
    office: 'Oficina',
    item: 'Elemento',
    request: 'Solicitud',
    requestedAt: 'Solicitada el',
    comment: 'Comentario',
    signer: 'Firma como',
    warning:
      'Solo se firma esta decisión, con la clave de este dispositivo. Si no acaba de pedir decidirla, pulse Cancelar.',
  },
};

/** Index of the button that signs; the other one (Cancel) is the default and the cancel button. */
export const DECIDE_BUTTON = 0;

const LONGEST_TEXT = 600;

export function waiverConfirmationOptions(
  statement: WaiverStatement,
  language: DialogLanguage = 'en',
): MessageBoxOptions {
  const text = WAIVER_CONFIRMATION_TEXT[language];
  const item = displayText(statement.itemTitle);
  const { signer } = statement;
  const lines = [
    `${text.run}: ${displayText(statement.runName)}`,
    `${text.office}: ${displayText(statement.office)}`,
    `${text.item}: ${item}`,
    `${text.request}: ${displayText(statement.request.justification, LONGEST_TEXT)}`,
    `${text.requestedAt}: ${displayText(statement.request.at, 40)}`,
    ...(statement.comment === undefined
      ? []
      : [`${text.comment}: ${displayText(statement.comment, LONGEST_TEXT)}`]),
    `${text.signer}: ${displayText(signer.name)}${signer.office === undefined ? '' : ` (${displayText(signer.office)})`}`,
    '',
    text.warning,
  ];
  return {
    type: 'question',
    title: text.title,
    message: text.question[statement.decision].replace('{item}', item),
    detail: lines.join('\n'),
    buttons: [text.button[statement.decision], text.cancel],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}
