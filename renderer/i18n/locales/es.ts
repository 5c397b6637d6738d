// Spanish strings. Same keys as en.ts (the Translation type enforces it).
import type { Translation } from './en';
import { backup } from './es/backup';
import { compare } from './es/compare';
import { evidence } from './es/evidence';
import { review } from './es/review';
import { runs } from './es/runs';
import { signoff } from './es/signoff';
import { sync } from './es/sync';
import { team } from './es/team';
import { templates } from './es/templates';
import { waivers } from './es/waivers';

export const es: Translation = {
  backup,
  compare,
  evidence,
  review,
  runs,
  signoff,
  sync,
  team,
  templates,
  waivers,
  app: {
    name: 'Go-live Checklists',
    skipToContent: 'Saltar al contenido',
    mainNavigation: 'Navegación principal',
    runtimeDesktop: 'Aplicación de escritorio',
    runtimeWeb: 'Modo web',
    online: 'En línea',
    offline: 'Sin conexión: trabajando en local',
    statusBar: 'Estado',
  },
  nav: {
    runs: 'Ejecuciones',
    templates: 'Plantillas',
    sync: 'Sincronización',
    review: 'Revisión',
    compare: 'Comparar',
    settings: 'Ajustes',
  },
  roles: {
    admin: 'Administrador/a TIC local',
    supervisor: 'Supervisor/a',
    head: 'Dirección global de TIC',
    engineer: 'Ingeniero/a',
    coordinator: 'Gestor/a técnico/a de cuenta',
  },
  profile: {
    welcomeTitle: 'Bienvenido/a a Go-live Checklists',
    welcomeBody:
      'Díganos quién es. Su nombre y su rol constan en cada respuesta que registre y en cada informe que firme. Todo queda en este equipo hasta que sincronice.',
    name: 'Su nombre',
    namePlaceholder: 'p. ej. Ana García',
    role: 'Rol',
    office: 'Oficina o equipo',
    officePlaceholder: 'p. ej. Oficina de Berlín, Equipo de incorporación de clientes',
    email: 'Correo electrónico (opcional)',
    save: 'Guardar y continuar',
    saving: 'Guardando…',
    nameRequired: 'Escriba su nombre (al menos 2 caracteres).',
    officeRequired: 'Escriba su oficina o equipo.',
    emailInvalid: 'Escriba un correo válido o déjelo vacío.',
    tooLong: 'Demasiado largo (como máximo {{max}} caracteres).',
    saveFailed: 'No se pudo guardar su perfil: {{message}}',
    departments: 'Sus departamentos',
    departmentsHelp:
      'Los departamentos de las plantillas de este equipo cuyos elementos son suyos.',
    departmentsRequired: 'Elija al menos un departamento.',
    departmentsNone:
      'Ninguna plantilla de este equipo nombra departamentos todavía: importe una primero.',
  },
  settings: {
    title: 'Ajustes',
    profile: 'Perfil',
    language: 'Idioma',
    languageHelp: 'Cambia el idioma de toda la aplicación a la vez.',
    dateFormat: 'Fechas y horas',
    dateFormatHelp: 'Cómo se leen las fechas en toda la app, también en los PDF de firma.',
    dateStyles: {
      language: 'Como las escribe el idioma ({{example}})',
      iso: 'ISO 8601 ({{example}})',
    },
    storage: 'Almacenamiento en este equipo',
    persistent: 'Persistente: el navegador no borrará estos datos aunque falte espacio en disco.',
    notPersistent:
      'No persistente: el navegador puede borrar estos datos si falta espacio en disco. Exporte copias de seguridad con regularidad.',
    persistenceUnknown: 'Comprobando el almacenamiento…',
    persistenceUnsupported: 'Este navegador no puede hacer persistente el almacenamiento.',
    requestPersistence: 'Volver a pedir que se conserven los datos',
    usage: '{{used}} usados de {{quota}} disponibles',
    about: 'Acerca de',
    version: 'Versión {{version}} ({{runtime}}, {{platform}})',
    saveProfile: 'Guardar perfil',
    saved: 'Perfil guardado.',
  },
  languages: { en: 'English', es: 'Español' },
  errors: {
    title: 'Algo ha fallado',
    body: 'Esta pantalla ha sufrido un error. Su trabajo guardado está a salvo en el almacenamiento de este equipo.',
    details: 'Detalles técnicos',
    reload: 'Recargar la aplicación',
    tryAgain: 'Reintentar',
    notFound: 'Esta página no existe.',
    goHome: 'Ir a ejecuciones',
  },
};
