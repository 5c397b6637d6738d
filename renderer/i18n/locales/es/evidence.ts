// El visor de evidencias (renderer/features/evidence/): fotos en la aplicación, otros archivos se guardan.
import type { Translation } from '../en';

export const evidence: Translation['evidence'] = {
  photoAlt: 'Foto de evidencia {{name}}',
  type: 'Tipo',
  size: 'Tamaño',
  fingerprint: 'SHA-256',
  unknownType: 'desconocido',
  pdfNote:
    'Los archivos PDF no se muestran dentro de la aplicación. Guarde una copia y ábrala con su lector de PDF.',
  otherNote:
    'La aplicación nunca abre ni ejecuta archivos adjuntos. Guarde una copia y ábrala con un programa de confianza.',
  notShown:
    'Esta imagen no se puede mostrar: el archivo puede estar dañado o no ser una imagen. Aún puede guardar una copia.',
  save: 'Guardar una copia…',
  saving: 'Guardando…',
  saved: 'Guardado: {{location}}',
  saveFailed: 'No se pudo guardar el archivo: {{message}}',
  close: 'Cerrar',
};
