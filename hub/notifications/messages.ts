// The catalogue: every word a notification says, in English and Spanish, in this one module.
// render(event, language) turns an event (events.ts) into a message: a subject, an opening
// sentence, labelled facts, a list (blockers, runs, reports) and a closing line; the e-mail and
// webhook formats (formats/*.ts) lay that message out and add nothing in words of their own.
// Adding a cause: add its event, then its entry in both languages here (the type demands both).
import type { NotificationLanguage } from '../../core/sync/wire-protocol';
import type {
  BlockerRaised,
  CountersignReminder,
  CountersignWaiting,
  DailyDigest,
  DigestRun,
  GoLiveSlipped,
  NoticeEvent,
  ReportRef,
  SentBack,
} from './events';

export interface MessageFact {
  label: string;
  value: string;
}

export interface RenderedMessage {
  language: NotificationLanguage;
  subject: string;
  intro: string;
  facts: MessageFact[];
  listTitle: string | null;
  items: string[];
  footer: string;
}

type Decision = ReportRef['decision'];

interface Words {
  decision: Record<Decision, string>;
  fact: {
    office: string;
    run: string;
    planned: string;
    expected: string;
    daysLate: string;
    remaining: string;
    pace: string;
    report: string;
    decision: string;
    signedAt: string;
    receivedAt: string;
    waiting: string;
    by: string;
    comment: string;
    blockedNow: string;
    offices: string;
  };
  allOffices: string;
  hours(count: number): string;
  days(count: number): string;
  minutes(count: number): string;
  pace(factor: number, basis: GoLiveSlipped['paceBasis']): string;
  revision(reportId: string, revision: number): string;
  footer: string;
  blockerRaised(event: BlockerRaised): { subject: string; intro: string; listTitle: string };
  blocker(title: string, department: string, reason: string): string;
  goLiveSlipped(event: GoLiveSlipped): { subject: string; intro: string };
  countersignWaiting(event: CountersignWaiting): { subject: string; intro: string };
  countersignReminder(event: CountersignReminder): { subject: string; intro: string };
  sentBack(event: SentBack): { subject: string; intro: string };
  digest(event: DailyDigest): { subject: string; intro: string; listTitle: string };
  digestRun(run: DigestRun): string;
  digestWaiting(report: ReportRef): string;
  digestSentBack(report: ReportRef): string;
  digestNothing: string;
}

const EN: Words = {
  decision: { go: 'go', 'go-with-waivers': 'go with waivers', 'no-go': 'no-go' },
  fact: {
    office: 'Office',
    run: 'Run',
    planned: 'Planned go-live',
    expected: 'Expected go-live',
    daysLate: 'Days late',
    remaining: 'Remaining work',
    pace: 'Pace',
    report: 'Report',
    decision: 'Decision',
    signedAt: 'Signed off',
    receivedAt: 'Received by the hub',
    waiting: 'Waiting for',
    by: 'Sent back by',
    comment: 'Comment',
    blockedNow: 'Blocked items now',
    offices: 'Offices',
  },
  allOffices: 'all offices',
  hours: (count) => (count === 1 ? '1 hour' : `${count} hours`),
  days: (count) => (count === 1 ? '1 day' : `${count} days`),
  minutes: (count) =>
    count < 60 ? `${count} min` : `${Math.floor(count / 60)} h ${count % 60} min`,
  pace: (factor, basis) =>
    basis === 'observed'
      ? `${factor}x the estimates, as measured on this run`
      : `${factor}x the estimates (assumed: expect it to take twice as long)`,
  revision: (reportId, revision) => `${reportId}, revision ${revision}`,
  footer:
    'Sent by the Go-live Checklists hub. Choose what you receive in the app or ask your hub administrator.',
  blockerRaised: (event) => ({
    subject:
      event.raised.length === 1
        ? `Blocker raised: ${event.runName} (${event.office})`
        : `${event.raised.length} blockers raised: ${event.runName} (${event.office})`,
    intro: `Bad news early: ${event.raised.length === 1 ? 'an item was' : `${event.raised.length} items were`} marked blocked on ${event.runName} in ${event.office}, planned to go live on ${event.plannedGoLive}.`,
    listTitle: 'Blocked',
  }),
  blocker: (title, department, reason) =>
    `${title} (${department}): ${reason === '' ? 'no reason given' : reason}`,
  goLiveSlipped: (event) => ({
    subject: `Go-live slipping: ${event.runName} (${event.office}) expected ${event.expectedGoLive}, ${EN.days(event.daysLate)} late`,
    intro:
      event.previousDaysLate > 0
        ? `${event.runName} in ${event.office} slipped further: it is now expected to go live on ${event.expectedGoLive}, ${EN.days(event.daysLate)} after the planned ${event.plannedGoLive} (it was ${EN.days(event.previousDaysLate)} late).`
        : `${event.runName} in ${event.office} is now expected to go live on ${event.expectedGoLive}, ${EN.days(event.daysLate)} after the planned ${event.plannedGoLive}.`,
  }),
  countersignWaiting: (event) => ({
    subject: `Waiting for your countersign: ${event.runName} (${event.office}), revision ${event.revision}`,
    intro: `${event.office} signed off ${event.runName} (decision: ${EN.decision[event.decision]}). The report is on the hub and waits for a supervisor's countersign.`,
  }),
  countersignReminder: (event) => ({
    subject: `Reminder: ${event.runName} (${event.office}) has waited ${EN.hours(event.waitingHours)} for a countersign`,
    intro: `The signed-off report of ${event.runName} in ${event.office} has waited ${EN.hours(event.waitingHours)} on the hub for a supervisor's countersign or send-back.`,
  }),
  sentBack: (event) => ({
    subject: `Sent back: ${event.runName} (${event.office}), revision ${event.revision}`,
    intro: `${event.by} sent the report of ${event.runName} back. It needs a new revision: fix what the comment says, sign off again and sync.`,
  }),
  digest: (event) => ({
    subject: `Daily digest ${event.day}: ${event.runs.length} ${event.runs.length === 1 ? 'run' : 'runs'} in progress, ${event.waiting.length} waiting for a countersign`,
    intro: `The state of ${event.scope === 'all' ? 'all offices' : event.scope.join(', ')} on ${event.day}.`,
    listTitle: 'Runs and reports',
  }),
  digestRun: (run) =>
    `${run.runName} (${run.office}): ${run.percentComplete}% done, ${run.blocked} blocked, expected ${run.expectedGoLive}${run.daysLate > 0 ? ` (${EN.days(run.daysLate)} late)` : ' (on plan)'}`,
  digestWaiting: (report) =>
    `Waiting for a countersign: ${report.runName} (${report.office}), revision ${report.revision}, received ${report.receivedAt.slice(0, 10)}`,
  digestSentBack: (report) =>
    `Sent back, waiting for a new revision: ${report.runName} (${report.office}), revision ${report.revision}`,
  digestNothing: 'Nothing in progress and nothing waiting.',
};

const ES: Words = {
  decision: { go: 'apto', 'go-with-waivers': 'apto con exenciones', 'no-go': 'no apto' },
  fact: {
    office: 'Oficina',
    run: 'Ejecución',
    planned: 'Puesta en marcha prevista',
    expected: 'Puesta en marcha esperada',
    daysLate: 'Días de retraso',
    remaining: 'Trabajo pendiente',
    pace: 'Ritmo',
    report: 'Informe',
    decision: 'Decisión',
    signedAt: 'Firmado',
    receivedAt: 'Recibido por el hub',
    waiting: 'Esperando desde hace',
    by: 'Devuelto por',
    comment: 'Comentario',
    blockedNow: 'Elementos bloqueados ahora',
    offices: 'Oficinas',
  },
  allOffices: 'todas las oficinas',
  hours: (count) => (count === 1 ? '1 hora' : `${count} horas`),
  days: (count) => (count === 1 ? '1 día' : `${count} días`),
  minutes: (count) =>
    count < 60 ? `${count} min` : `${Math.floor(count / 60)} h ${count % 60} min`,
  pace: (factor, basis) =>
    basis === 'observed'
      ? `${factor} veces lo estimado, medido en esta ejecución`
      : `${factor} veces lo estimado (supuesto: cuente con que tarde el doble)`,
  revision: (reportId, revision) => `${reportId}, revisión ${revision}`,
  footer:
    'Enviado por el hub de Go-live Checklists. Elija qué recibe en la aplicación o pídalo al administrador del hub.',
  blockerRaised: (event) => ({
    subject:
      event.raised.length === 1
        ? `Bloqueo registrado: ${event.runName} (${event.office})`
        : `${event.raised.length} bloqueos registrados: ${event.runName} (${event.office})`,
    intro: `Las malas noticias, cuanto antes: ${event.raised.length === 1 ? 'un elemento se ha marcado' : `${event.raised.length} elementos se han marcado`} como bloqueado${event.raised.length === 1 ? '' : 's'} en ${event.runName} (${event.office}), con puesta en marcha prevista el ${event.plannedGoLive}.`,
    listTitle: 'Bloqueados',
  }),
  blocker: (title, department, reason) =>
    `${title} (${department}): ${reason === '' ? 'sin motivo indicado' : reason}`,
  goLiveSlipped: (event) => ({
    subject: `Puesta en marcha con retraso: ${event.runName} (${event.office}) esperada el ${event.expectedGoLive}, ${ES.days(event.daysLate)} de retraso`,
    intro:
      event.previousDaysLate > 0
        ? `${event.runName} (${event.office}) se ha retrasado más: ahora se espera la puesta en marcha el ${event.expectedGoLive}, ${ES.days(event.daysLate)} después de la prevista (${event.plannedGoLive}); antes eran ${ES.days(event.previousDaysLate)}.`
        : `${event.runName} (${event.office}) espera ahora su puesta en marcha el ${event.expectedGoLive}, ${ES.days(event.daysLate)} después de la prevista (${event.plannedGoLive}).`,
  }),
  countersignWaiting: (event) => ({
    subject: `Pendiente de su refrendo: ${event.runName} (${event.office}), revisión ${event.revision}`,
    intro: `${event.office} ha firmado ${event.runName} (decisión: ${ES.decision[event.decision]}). El informe está en el hub y espera el refrendo de un supervisor.`,
  }),
  countersignReminder: (event) => ({
    subject: `Recordatorio: ${event.runName} (${event.office}) lleva ${ES.hours(event.waitingHours)} esperando refrendo`,
    intro: `El informe firmado de ${event.runName} (${event.office}) lleva ${ES.hours(event.waitingHours)} en el hub esperando que un supervisor lo refrende o lo devuelva.`,
  }),
  sentBack: (event) => ({
    subject: `Devuelto: ${event.runName} (${event.office}), revisión ${event.revision}`,
    intro: `${event.by} ha devuelto el informe de ${event.runName}. Necesita una nueva revisión: corrija lo que indica el comentario, vuelva a firmar y sincronice.`,
  }),
  digest: (event) => ({
    subject: `Resumen diario ${event.day}: ${event.runs.length} ${event.runs.length === 1 ? 'ejecución' : 'ejecuciones'} en curso, ${event.waiting.length} pendiente${event.waiting.length === 1 ? '' : 's'} de refrendo`,
    intro: `El estado de ${event.scope === 'all' ? 'todas las oficinas' : event.scope.join(', ')} el ${event.day}.`,
    listTitle: 'Ejecuciones e informes',
  }),
  digestRun: (run) =>
    `${run.runName} (${run.office}): ${run.percentComplete} % hecho, ${run.blocked} bloqueado${run.blocked === 1 ? '' : 's'}, esperada el ${run.expectedGoLive}${run.daysLate > 0 ? ` (${ES.days(run.daysLate)} de retraso)` : ' (en plazo)'}`,
  digestWaiting: (report) =>
    `Pendiente de refrendo: ${report.runName} (${report.office}), revisión ${report.revision}, recibido el ${report.receivedAt.slice(0, 10)}`,
  digestSentBack: (report) =>
    `Devuelto, esperando una nueva revisión: ${report.runName} (${report.office}), revisión ${report.revision}`,
  digestNothing: 'Nada en curso y nada pendiente.',
};

export const CATALOGUE: Record<NotificationLanguage, Words> = { en: EN, es: ES };

function reportFacts(words: Words, event: ReportRef): MessageFact[] {
  return [
    { label: words.fact.office, value: event.office },
    { label: words.fact.run, value: event.runName },
    { label: words.fact.report, value: words.revision(event.reportId, event.revision) },
    { label: words.fact.decision, value: words.decision[event.decision] },
    { label: words.fact.signedAt, value: event.signedAt },
    { label: words.fact.receivedAt, value: event.receivedAt },
  ];
}

export function render(event: NoticeEvent, language: NotificationLanguage): RenderedMessage {
  const words = CATALOGUE[language];
  const base = { language, listTitle: null, items: [], footer: words.footer };
  switch (event.cause) {
    case 'blocker-raised': {
      const text = words.blockerRaised(event);
      return {
        ...base,
        subject: text.subject,
        intro: text.intro,
        facts: [
          { label: words.fact.office, value: event.office },
          { label: words.fact.run, value: event.runName },
          { label: words.fact.planned, value: event.plannedGoLive },
          { label: words.fact.blockedNow, value: String(event.blockedTotal) },
        ],
        listTitle: text.listTitle,
        items: event.raised.map((b) => words.blocker(b.title, b.department, b.reason)),
      };
    }
    case 'go-live-slipped': {
      const text = words.goLiveSlipped(event);
      return {
        ...base,
        ...text,
        facts: [
          { label: words.fact.office, value: event.office },
          { label: words.fact.run, value: event.runName },
          { label: words.fact.planned, value: event.plannedGoLive },
          { label: words.fact.expected, value: event.expectedGoLive },
          { label: words.fact.daysLate, value: String(event.daysLate) },
          { label: words.fact.remaining, value: words.minutes(event.remainingWorkMinutes) },
          { label: words.fact.pace, value: words.pace(event.paceFactor, event.paceBasis) },
        ],
      };
    }
    case 'countersign-waiting':
      return { ...base, ...words.countersignWaiting(event), facts: reportFacts(words, event) };
    case 'countersign-reminder':
      return {
        ...base,
        ...words.countersignReminder(event),
        facts: [
          ...reportFacts(words, event),
          { label: words.fact.waiting, value: words.hours(event.waitingHours) },
        ],
      };
    case 'sent-back':
      return {
        ...base,
        ...words.sentBack(event),
        facts: [
          ...reportFacts(words, event),
          { label: words.fact.by, value: event.by },
          { label: words.fact.comment, value: event.comment },
        ],
      };
    case 'daily-digest': {
      const text = words.digest(event);
      const items = [
        ...event.runs.map(words.digestRun),
        ...event.waiting.map(words.digestWaiting),
        ...event.sentBack.map(words.digestSentBack),
      ];
      return {
        ...base,
        subject: text.subject,
        intro: text.intro,
        facts: [
          {
            label: words.fact.offices,
            value: event.scope === 'all' ? words.allOffices : event.scope.join(', '),
          },
        ],
        listTitle: text.listTitle,
        items: items.length > 0 ? items : [words.digestNothing],
      };
    }
  }
}
