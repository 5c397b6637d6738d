// Spanish strings of moving a run in progress to a newer version (same keys as en/run-move.ts).
import type { Translation } from '../en';

export const runMove: Translation['runs']['move'] = {
  available:
    'La versión {{version}} de {{title}} está en este equipo; esta ejecución está en la {{current}}.',
  preview: 'Ver el paso a la {{version}}…',
  title: '¿Pasar esta ejecución a la versión {{version}}?',
  intro:
    'La ejecución conserva cada respuesta de un punto que sigue en la {{version}} (las respuestas pasan por id de punto). El paso queda en el historial de la ejecución y no se puede ocultar; una ejecución firmada nunca cambia de versión.',
  loading: 'Calculando qué cambia…',
  summary:
    '{{carried}} respuestas conservadas, {{recheck}} que revisar, {{added}} puntos nuevos, {{removed}} respuestas de puntos quitados',
  recheck: 'Revisar de nuevo ({{count}})',
  recheckHelp:
    'Se conservan, pero cambió lo que cuenta como hecho: vuelva a mirar estas respuestas.',
  carried: 'Conservadas sin cambios ({{count}})',
  added: 'Nuevos en la {{version}} ({{count}})',
  removed: 'No están en la {{version}} ({{count}})',
  removedHelp:
    'Estas respuestas quedan en el historial de la ejecución; los puntos ya no se comprueban.',
  none: 'Ninguno.',
  parameters: 'Datos que pide la versión nueva',
  parameterProblems: 'Corrija los datos de la ejecución para la versión nueva: {{problems}}',
  confirm: 'Pasar a la {{version}}',
  moving: 'Cambiando…',
  cancel: 'Cancelar',
  failed: 'La ejecución no cambió de versión: {{message}}',
  moved: 'Pasó a la {{to}} el {{date}}, por {{name}}.',
  movedFrom: 'Pasó de la {{from}} a la {{to}} el {{date}}, por {{name}}.',
  recheckPanel_one: '{{count}} respuesta conservada que revisar tras el cambio de versión',
  recheckPanel_other: '{{count}} respuestas conservadas que revisar tras el cambio de versión',
  recheckLabel: 'Respuestas que revisar',
  open: 'Abrir {{item}}',
  itemsLabel: '{{group}}: puntos',
};
