// The status digest's text in the app's language (issue 16, point 10): the English text tells the
// whole story, and the Spanish one says it without a single English sentence left over.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatusDigest, type StatusDigest } from '../../../core/runs';
import { digestText } from '../../../renderer/features/runs/digest-text';
import { en } from '../../../renderer/i18n/locales/en';
import { es } from '../../../renderer/i18n/locales/es';
import { everythingBlocked, troubledSession } from '../core/runs/digest-fixtures';
import { completeRun, definition, Session } from '../core/runs/fixtures';

let english: TFunction;
let spanish: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
  english = i18n.getFixedT('en');
  spanish = i18n.getFixedT('es');
});

/** The troubled run with one more item blocked, a minor one that does not hold the gate. */
function troubledDigest(today: string): StatusDigest {
  const session = troubledSession().must({
    type: 'setStatus',
    itemId: 'wifi-survey',
    status: 'blocked',
    reason: 'No floor plan.',
  });
  return buildStatusDigest(definition, session.run, session.answers, today);
}

/** Digests that between them use every sentence the digest has. */
function everyKindOfDigest(): StatusDigest[] {
  const many = everythingBlocked(12);
  const complete = completeRun(new Session());
  return [
    troubledDigest('2025-05-29'),
    troubledDigest('2025-06-04'),
    troubledDigest('2025-06-01'),
    troubledDigest('2025-06-03'),
    troubledDigest('2025-06-02'),
    buildStatusDigest(many.definition, many.session.run, many.session.answers, '2025-05-20'),
    buildStatusDigest(definition, complete.run, complete.answers, '2025-05-31'),
  ];
}

/**
 * The words of every English digest sentence, without their placeholders: runs of at least two
 * words (or one long word) that Spanish does not share (GO, NO-GO, "v" and the like are kept).
 */
function englishFragments(): string[] {
  const spanish = [...stringsOf(es.runs.digest.text), ...stringsOf(es.runs.failure)];
  return [
    ...new Set(
      [...stringsOf(en.runs.digest.text), ...stringsOf(en.runs.failure)]
        .flatMap((sentence) => sentence.split(/\{\{[^}]+\}\}|[[\](),:;."]/))
        .map((fragment) => fragment.replace(/^\s*-?\s*/, '').trim())
        .filter(
          (fragment) =>
            /[a-z]{3}/i.test(fragment) && (fragment.includes(' ') || fragment.length >= 6),
        )
        .filter((fragment) => !spanish.some((text) => text.includes(fragment))),
    ),
  ];
}

/** Every string of a strings object. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return value && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];
}

describe('the status digest in English', () => {
  it('tells the whole story in plain text', () => {
    const text = digestText(english, troubledDigest('2025-05-29'), 'en', 'iso');
    const expected = [
      'Go-live status: Berlin office [RED]',
      'Template: New office go-live v1.2.0 (new-office)',
      'Go-live: 2025-06-02 (in 4 days)',
      'Gate: NO-GO (3 blocking items not ready, 2 blockers raised, 1 waiver)',
      'Progress: 10% (1 of 10 items: 1 done, 0 not applicable; 7 open, 2 blocked, 1 failing)',
      '  - Connectivity (Network): 0%, 0 of 4, 2 blocked',
      '  - Security (Security): 0%, 0 of 2, 1 failing',
      '  - Infrastructure (Infrastructure): 25%, 1 of 4',
      'Open blockers:',
      '  - ISP lines [blocked]: Second line not delivered by Vodafone.',
      '  - Speed test [waiting]: waiting on ISP lines',
      '  - Firewall rules [open]',
      '  - Wi-Fi survey [blocked, minor]: No floor plan.',
      'Other failing checks:',
      '  - Antivirus policy [major]: "Disabled" is not acceptable.',
      'Slipped:',
      '  - Core switches: took 1 h 40 min against an estimate of 1 h',
      'Waivers:',
      'ETA: 5 h 30 min of estimated work left; expect it to take twice as long, so plan for 11 h. 1 open item has no estimate.',
      '  So far, timed items took 1.67x their estimate.',
      'Critical path (2 h 15 min estimated): ISP lines -> Speed test -> Failover test',
    ];
    const lines = text.split('\n');
    for (const line of expected) expect(lines).toContain(line);
    expect(text).toMatch(
      / {2}- Failover test: "ISP tested failover\." \(waived by Ana Admin, Local ICT administrator, 2025-05-31 \d\d:\d\d; approved by Sam Supervisor, 2025-05-31 \d\d:\d\d\)/,
    );
  });

  it('says when go-live passed, what is overdue, and when there is nothing left', () => {
    const late = digestText(english, troubledDigest('2025-06-04'), 'en', 'iso');
    expect(late).toContain('Go-live: 2025-06-02 (2 days ago)');
    expect(late).toContain('  - ISP lines: still blocked, 2 days after go-live');
    const complete = completeRun(new Session());
    const done = digestText(
      english,
      buildStatusDigest(definition, complete.run, complete.answers, '2025-05-31'),
      'en',
    );
    expect(done).toContain('Gate: GO\n');
    expect(done).toContain('Open blockers:\n  none');
    expect(done).toContain('ETA: nothing left to do.');
  });
});

describe('the status digest in Spanish', () => {
  it('has no English sentence left', () => {
    const fragments = englishFragments();
    // the check can fail: the English digests hold these fragments
    expect(fragments).toEqual(
      expect.arrayContaining(['Go-live status', 'expect it to take twice as long', 'waived by']),
    );
    const englishTexts = everyKindOfDigest().map((digest) => digestText(english, digest, 'en'));
    for (const fragment of ['Go-live status', 'Open blockers', 'more', 'days after go-live']) {
      expect(englishTexts.some((text) => text.includes(fragment))).toBe(true);
    }
    for (const digest of everyKindOfDigest()) {
      const text = digestText(spanish, digest, 'es');
      const leftOver = fragments.filter((fragment) => text.includes(fragment));
      expect(leftOver, text).toEqual([]);
    }
  });

  it('reads as Spanish, plurals and numbers included', () => {
    const text = digestText(spanish, troubledDigest('2025-05-29'), 'es', 'language');
    expect(text).toContain('Estado de la puesta en marcha: Berlin office [ROJO]');
    expect(text).toContain('Puesta en marcha: 2 jun 2025 (dentro de 4 días)');
    expect(text).toContain(
      'Decisión: NO-GO (3 elementos bloqueantes sin resolver, 2 bloqueos señalados, 1 exención)',
    );
    expect(text).toContain('1 elemento abierto no tiene estimación.');
    expect(text).toContain('  Hasta ahora, los elementos cronometrados llevaron 1,67 veces');
  });
});
