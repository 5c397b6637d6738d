// Spanish strings of four-eyes waivers (issue 16). Same keys as en/waivers.ts.
import type { Translation } from '../en';

export const waivers: Translation['waivers'] = {
  heading: 'Dispensa',
  state: {
    pending: 'Dispensa pendiente',
    approved: 'Dispensado',
    refused: 'Dispensa rechazada',
  },
  request: 'Solicitar dispensa…',
  requestHelp:
    'Ponerse en marcha sin este elemento bloqueante requiere que un supervisor de la oficina apruebe una dispensa.',
  requestedBy: 'Solicitada por {{name}}, {{time}}: {{justification}}',
  awaitsSupervisor:
    'Espera a un supervisor de la oficina: la puerta sigue en NO-GO hasta que la apruebe con su propia clave.',
  approvedBy: 'Aprobada por {{name}}, {{time}}',
  refusedBy: 'Rechazada por {{name}}, {{time}}: {{comment}}',
  refusedHelp:
    'La puerta sigue en NO-GO: resuelva el elemento, o retire la solicitud y pida de nuevo con mejores razones.',
  withdraw: 'Retirar solicitud',
  remove: 'Quitar dispensa',
  gate: {
    pending_one: '{{count}} dispensa espera a un supervisor',
    pending_other: '{{count}} dispensas esperan a un supervisor',
    refused_one: '{{count}} dispensa rechazada',
    refused_other: '{{count}} dispensas rechazadas',
  },
  decide: {
    title: 'Dispensa de «{{item}}»',
    run: 'Ejecución',
    requestedBy: 'Solicitada por',
    justification: 'Justificación',
    help: 'Apruebe solo lo que acordó: una dispensa aprobada permite llegar a GO sin este elemento. Su decisión se firma con su clave y queda en el historial de la ejecución.',
    comment: 'Comentario',
    commentHelp: 'Obligatorio al rechazar: diga qué hace falta en su lugar.',
    reasonRequired: 'Diga por qué se rechaza la dispensa.',
    consequence: 'Firmado con la clave de este dispositivo como {{name}}.',
    approve: 'Aprobar y firmar',
    refuse: 'Rechazar y firmar',
    signing: 'Firmando…',
    cancel: 'Cancelar',
  },
  awaiting: {
    heading: 'Dispensas que le esperan',
    intro:
      'Solicitudes de dispensa en ejecuciones de las oficinas que supervisa. La sincronización trae las nuevas y envía sus decisiones al administrador.',
    none: 'Ninguna dispensa espera su decisión.',
    requested: 'solicitada por {{name}}, {{time}}',
    decide: 'Aprobar o rechazar…',
    decideItem: 'Aprobar o rechazar la dispensa de {{item}}',
    decided: {
      approve: 'Aprobó la dispensa de «{{item}}». La sincronización envía su decisión.',
      refuse: 'Rechazó la dispensa de «{{item}}». La sincronización envía su decisión.',
    },
  },
};
