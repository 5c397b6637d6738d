// Spanish strings of the sign-off feature (same keys as en/signoff.ts).
import type { Translation } from '../en';

export const signoff: Translation['signoff'] = {
  action: 'Firmar…',
  actionHelp: 'Para firmar hace falta GO (o GO con dispensas).',
  title: 'Firmar {{name}}',
  withWaivers_one: 'con {{count}} dispensa registrada',
  withWaivers_other: 'con {{count}} dispensas registradas',
  approvedBy: 'aprobada por {{name}}',
  lessons: 'Lecciones aprendidas',
  lessonsPlaceholder: 'Qué salió mal, qué tardó más de lo previsto, qué comprobación faltaba…',
  lessonsHelp:
    'Van al informe y alimentan la próxima versión de la plantilla. ¿No salió nada mal? Dígalo.',
  lessonsRequired: 'Escriba las lecciones aprendidas (o indique que no hubo).',
  lessonsCarried:
    'Traídas de la revisión {{revision}}: edítelas para esta revisión (también lo que enseñó la devolución).',
  open: {
    heading: 'Pendiente al firmar',
    blocking_one: '{{count}} elemento bloqueante abierto',
    blocking_other: '{{count}} elementos bloqueantes abiertos',
    major_one: '{{count}} elemento importante abierto',
    major_other: '{{count}} elementos importantes abiertos',
    minor_one: '{{count}} elemento menor abierto',
    minor_other: '{{count}} elementos menores abiertos',
    waivers:
      'Dispensas: {{approved}} aprobadas por un supervisor, {{pending}} pendientes, {{refused}} rechazadas',
  },
  consequence:
    'Al firmar como {{name}} esta ejecución se congela: después no puede cambiar nada. El informe queda en cola para el hub y puede exportarse en PDF.',
  sign: 'Firmar',
  signWithout_one: 'Firmar sin {{count}} archivo',
  signWithout_other: 'Firmar sin {{count}} archivos',
  signing: 'Firmando…',
  missing: {
    heading_one: '{{count}} archivo no está en este equipo',
    heading_other: '{{count}} archivos no están en este equipo',
    help: 'Se adjuntaron en otros portátiles y sus bytes no han llegado a este. Tráigalos ahora o firme sin ellos.',
    allArrived: 'Todos los archivos están ya en este equipo: el informe los incluirá.',
    state: 'No está en este equipo',
    item: 'Elemento: {{title}}',
    attachedBy: 'adjuntado por {{name}}',
    attachedElsewhere: 'adjuntado en otro portátil',
    fetch_one: 'Traerlo ahora',
    fetch_other: 'Traerlos ahora',
    fetching: 'Trayendo…',
    progress: 'Trayendo archivos: {{done}} de {{total}}',
    arrived: 'Traído: ya está en este equipo y entra en el informe.',
    notOnHub:
      'No traído: el hub aún no lo tiene. Sigue en el portátil de {{name}}, que debe sincronizar antes.',
    notOnHubUnknown:
      'No traído: el hub aún no lo tiene. El portátil donde se adjuntó debe sincronizar antes.',
    failed: 'No traído: la sincronización no terminó ({{message}}). Inténtelo de nuevo.',
    noSync: 'No traído: este equipo no está conectado a un hub (Ajustes, Hub).',
    consequence:
      'Si firma sin ellos, el informe los lista como no incluidos: el PDF los nombra, el paquete no guarda sus bytes y esta revisión ya no puede recibirlos (solo una nueva revisión tras una devolución).',
  },
  cancel: 'Cancelar',
  signedHeading: 'Informe firmado',
  signedBy: 'Firmado por {{name}}, {{time}}',
  revision: 'revisión {{revision}}',
  fingerprint: 'huella',
  countersignedBy: 'Refrendado por {{name}}',
  sentBackBy: 'Devuelto por {{name}}',
  exportPdf: 'Exportar PDF',
  exportBundle: 'Exportar paquete',
  exporting: 'Exportando…',
  saved: 'Guardado: {{location}}',
  reopen: 'Reabrir para una nueva revisión',
  sentBackHeading: 'Devuelto para una nueva revisión',
  sentBackNext:
    'La revisión {{revision}} se devolvió el {{time}}. Corrija lo que se pide y vuelva a firmar: la revisión {{next}} la sustituirá.',
  failing: {
    heading_one: '{{count}} respuesta no cumple',
    heading_other: '{{count}} respuestas no cumplen',
    help: 'Estas respuestas no cumplen su control. Se firman tal cual y figuran en el resumen del PDF.',
    accepted: 'Marcado como hecho igualmente por {{name}}: {{reason}}',
    waived: 'Elemento bloqueante, con dispensa.',
    state: 'Sin hacer: {{status}}.',
    doneUnacknowledged:
      'Hecho, pero este incumplimiento nunca se aceptó: aquello con lo que se compara cambió después.',
  },
  reviewState: { countersigned: 'Refrendado', 'sent-back': 'Devuelto' },
};
