// Spanish strings of the templates feature (same keys as en/templates.ts).
import type { Translation } from '../en';

export const templates: Translation['templates'] = {
  title: 'Plantillas',
  intro:
    'Definiciones de checklist versionadas. Una versión publicada no cambia nunca; un cambio es una versión nueva.',
  emptyTitle: 'Aún no hay plantillas cargadas',
  emptyBody:
    'Las plantillas incluidas y su importación llegan con la funcionalidad de definiciones.',
};
