// English strings of the templates feature.
export const templates = {
  title: 'Templates',
  intro:
    'Versioned checklist definitions. A published version never changes; a change is a new version.',
  emptyTitle: 'No templates loaded yet',
  emptyBody: 'The bundled templates and template import arrive with the definitions capability.',
};
