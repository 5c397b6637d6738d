// Spanish strings of the runs feature (same keys as en/runs.ts).
import type { Translation } from '../en';

export const runs: Translation['runs'] = {
  title: 'Ejecuciones',
  intro:
    'Cada ejecución es una puesta en marcha: una oficina o un cliente, frente a una versión de plantilla.',
  emptyTitle: 'Aún no hay ejecuciones',
  emptyBody: 'Iniciar una ejecución desde una plantilla llega con la funcionalidad de ejecuciones.',
};
