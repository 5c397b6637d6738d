// Spanish strings of the backup feature (same keys as en/backup.ts).
import type { Translation } from '../en';

export const backup: Translation['backup'] = {
  title: 'Copia de seguridad y restauración',
  intro:
    'Nunca trabaje sin seguro: guarde todo lo de este equipo (ejecuciones, respuestas, historial, evidencias, plantillas) en un archivo y restáurelo aquí o en otro portátil. Una restauración nunca sobrescribe trabajo más reciente.',
  export: 'Hacer copia de todo…',
  restore: 'Restaurar desde copia…',
  restoreTitle: 'Elija un archivo de copia',
  working: 'Trabajando…',
  saved: 'Copia guardada: {{location}}',
  restored:
    'Restauradas {{runs}} ejecuciones, {{reports}} informes firmados, {{definitions}} plantillas, {{attachments}} archivos de evidencia y {{keys}} claves de confianza.',
  skipped_one: 'Se mantuvo {{count}} ejecución tal como está en este equipo:',
  skipped_other: 'Se mantuvieron {{count}} ejecuciones tal como están en este equipo:',
  conflicts_one: '{{count}} conflicto requiere revisión:',
  conflicts_other: '{{count}} conflictos requieren revisión:',
};
