// English strings: the reference locale. Every other locale must have the same keys (type-checked).
// Each feature keeps its strings in en/<feature>.ts; shared ones stay here.
import { backup } from './en/backup';
import { compare } from './en/compare';
import { evidence } from './en/evidence';
import { review } from './en/review';
import { runs } from './en/runs';
import { signoff } from './en/signoff';
import { sync } from './en/sync';
import { team } from './en/team';
import { templates } from './en/templates';
import { waivers } from './en/waivers';

export const en = {
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
    skipToContent: 'Skip to content',
    mainNavigation: 'Main navigation',
    runtimeDesktop: 'Desktop app',
    runtimeWeb: 'Web mode',
    online: 'Online',
    offline: 'Offline: working locally',
    statusBar: 'Status',
  },
  nav: {
    runs: 'Runs',
    templates: 'Templates',
    sync: 'Sync',
    review: 'Review',
    compare: 'Compare',
    settings: 'Settings',
  },
  roles: {
    admin: 'Local ICT administrator',
    supervisor: 'Supervisor',
    head: 'Global head of ICT',
    engineer: 'Engineer',
    coordinator: 'Technical account manager',
  },
  profile: {
    welcomeTitle: 'Welcome to Go-live Checklists',
    welcomeBody:
      'Tell us who you are. Your name and role go into every answer you record and every report you sign. Everything stays on this device until you sync.',
    name: 'Your name',
    namePlaceholder: 'e.g. Ana García',
    role: 'Role',
    office: 'Office or team',
    officePlaceholder: 'e.g. Berlin office, Client onboarding team',
    email: 'Email (optional)',
    save: 'Save and continue',
    saving: 'Saving…',
    nameRequired: 'Enter your name (at least 2 characters).',
    officeRequired: 'Enter your office or team.',
    emailInvalid: 'Enter a valid email address or leave it empty.',
    tooLong: 'Too long (at most {{max}} characters).',
    saveFailed: 'Could not save your profile: {{message}}',
    departments: 'Your departments',
    departmentsHelp: 'The departments of the templates on this device whose items are yours.',
    departmentsRequired: 'Choose at least one department.',
    departmentsNone: 'No template on this device names departments yet: import one first.',
  },
  settings: {
    title: 'Settings',
    profile: 'Profile',
    language: 'Language',
    languageHelp: 'Changes the language of the whole app at once.',
    dateFormat: 'Dates and times',
    dateFormatHelp: 'How dates read everywhere, sign-off PDFs included.',
    dateStyles: {
      language: 'As the language writes them ({{example}})',
      iso: 'ISO 8601 ({{example}})',
    },
    storage: 'Storage on this device',
    persistent: 'Persistent: the browser will not clear this data when disk space runs low.',
    notPersistent:
      'Not persistent: the browser may clear this data when disk space runs low. Export backups regularly.',
    persistenceUnknown: 'Checking storage…',
    persistenceUnsupported: 'This browser cannot make storage persistent.',
    requestPersistence: 'Ask again to keep data',
    usage: '{{used}} used of {{quota}} available',
    about: 'About',
    version: 'Version {{version}} ({{runtime}}, {{platform}})',
    saveProfile: 'Save profile',
    saved: 'Profile saved.',
  },
  languages: { en: 'English', es: 'Español' },
  errors: {
    title: 'Something went wrong',
    body: 'This screen hit an error. Your saved work is safe in this device’s storage.',
    details: 'Technical details',
    reload: 'Reload the app',
    tryAgain: 'Try again',
    notFound: 'This page does not exist.',
    goHome: 'Go to runs',
  },
};

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type Translation = DeepStrings<typeof en>;
