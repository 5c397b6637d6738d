// Strings of the desktop glue (menu commands, the second copy of signed reports), English and
// Spanish. They are added to i18next's resources at first use (registerDesktopText), because this
// folder is the desktop feature's own. To move them beside the others: put them in
// renderer/i18n/locales/{en,es}/desktop.ts, add `desktop` to en.ts and es.ts, and drop the
// registration.
import type { i18n as I18n } from 'i18next';

export const desktopEn = {
  mirror: {
    restored_one: 'Restored {{count}} signed report from the desktop copy: {{names}}.',
    restored_other: 'Restored {{count}} signed reports from the desktop copy: {{names}}.',
    restoredWhy:
      'They were missing from the app’s database (it can be reset by the system); the copies on disk were verified first.',
    missingEvidence_one: '{{count}} evidence file could not be restored.',
    missingEvidence_other: '{{count}} evidence files could not be restored.',
    damaged:
      'The desktop copy of report “{{report}}” revision {{revision}} is damaged and was skipped: {{reason}}',
    damagedWhere: 'It is in the folder signed-reports of the app’s data folder.',
    mirrorFailed:
      'Could not keep the desktop copy of “{{report}}” revision {{revision}}: {{reason}}',
  },
  menu: {
    notSigned: 'This run is not signed off yet: sign it off, then export its PDF.',
    noReport: 'Open a signed run or a report to export its PDF.',
    exported: 'PDF saved: {{location}}',
    exportFailed: 'Could not export the PDF: {{reason}}',
  },
  dismiss: 'Dismiss',
  notices: 'Desktop notices',
};

export type DesktopText = typeof desktopEn;

export const desktopEs: DesktopText = {
  mirror: {
    restored_one: 'Se restauró {{count}} informe firmado desde la copia del escritorio: {{names}}.',
    restored_other:
      'Se restauraron {{count}} informes firmados desde la copia del escritorio: {{names}}.',
    restoredWhy:
      'Faltaban en la base de datos de la aplicación (el sistema puede restablecerla); antes se verificaron las copias del disco.',
    missingEvidence_one: 'No se pudo restaurar {{count}} archivo de evidencia.',
    missingEvidence_other: 'No se pudieron restaurar {{count}} archivos de evidencia.',
    damaged:
      'La copia del escritorio del informe «{{report}}» revisión {{revision}} está dañada y se omitió: {{reason}}',
    damagedWhere: 'Está en la carpeta signed-reports de la carpeta de datos de la aplicación.',
    mirrorFailed:
      'No se pudo guardar la copia del escritorio de «{{report}}» revisión {{revision}}: {{reason}}',
  },
  menu: {
    notSigned: 'Esta ejecución aún no está firmada: fírmela y luego exporte su PDF.',
    noReport: 'Abra una ejecución firmada o un informe para exportar su PDF.',
    exported: 'PDF guardado: {{location}}',
    exportFailed: 'No se pudo exportar el PDF: {{reason}}',
  },
  dismiss: 'Descartar',
  notices: 'Avisos del escritorio',
};

/** Adds the strings under `desktop.` to the app's translations, once. */
export function registerDesktopText(i18n: I18n): void {
  if (i18n.exists('desktop.dismiss')) return;
  i18n.addResourceBundle('en', 'translation', { desktop: desktopEn }, true, false);
  i18n.addResourceBundle('es', 'translation', { desktop: desktopEs }, true, false);
}
