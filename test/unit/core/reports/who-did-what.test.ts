// Who did what on a shared run, as the sign-off PDF lists it: per person and department, the items
// finished, the events recorded and the time timed, read off the report's history. A resolved
// conflict credits the author of the answer kept, not the person who chose it.
import { describe, expect, it } from 'vitest';
import { buildReportBody, whoDidWhat } from '../../../../core/reports';
import { resolveConflict, type Actor } from '../../../../core/runs';
import { admin, definition, done, makeRun, Session } from '../runs/fixtures';

const nina: Actor = { id: 'u-nina', name: 'Nina Network', role: 'engineer' };
const run = makeRun();

function bodyOf(session: Session) {
  return buildReportBody({
    definition,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: '',
    signedAt: '2025-06-01T18:00:00.000Z',
    revision: 1,
    supersedes: null,
  });
}

describe('who did what', () => {
  it('credits each finished item to the author of the answer that stands, with events and time', () => {
    const laptop = new Session(run, undefined, 'nina-laptop');
    const office = new Session(run, undefined, 'ana-laptop');
    // Nina times the Wi-Fi survey (40 minutes) and finds it not needed; Ana, not having seen
    // that, ticks it done: a conflict.
    laptop.apply({ type: 'start', itemId: 'wifi-survey' }, nina);
    laptop.wait(40);
    const wired = laptop.apply(
      { type: 'setStatus', itemId: 'wifi-survey', status: 'not-applicable', reason: 'Wired only.' },
      nina,
    );
    office.apply(done('wifi-survey'), admin);
    office.must({
      type: 'setStatus',
      itemId: 'backup-target',
      status: 'not-applicable',
      reason: 'Backups run at head office.',
    });
    office.log.addAll(laptop.events);
    expect(office.log.conflictIds().has('wifi-survey')).toBe(true);
    if (!wired.ok) throw new Error(wired.error.message);
    // Ana keeps Nina's answer: the item is Nina's; the choice is one more event of Ana's.
    office.keep(resolveConflict(office.context(admin), 'wifi-survey', wired.event.hash));
    expect(office.answers.get('wifi-survey')?.updatedBy.name).toBe('Ana Admin');

    const rows = whoDidWhat(bodyOf(office)).map(({ person, ...row }) => ({
      name: person.name,
      ...row,
    }));
    expect(rows).toEqual([
      { name: 'Nina Network', department: 'network', finished: 1, events: 2, actualMinutes: 0 },
      { name: 'Ana Admin', department: 'network', finished: 0, events: 2, actualMinutes: 0 },
      { name: 'Ana Admin', department: 'backup', finished: 1, events: 1, actualMinutes: 0 },
    ]);
  });

  it('counts the time timed on the items a person finished', () => {
    const laptop = new Session(run, undefined, 'nina-laptop');
    laptop.apply({ type: 'start', itemId: 'wifi-survey' }, nina);
    laptop.wait(40);
    laptop.apply(done('wifi-survey'), nina);
    const [row] = whoDidWhat(bodyOf(laptop));
    expect(row).toMatchObject({ department: 'network', finished: 1, events: 2, actualMinutes: 40 });
    expect(row?.person).toEqual({ id: 'u-nina', name: 'Nina Network', role: 'engineer' });
  });

  it('falls back to the last author of each answer for a report without a history', () => {
    const laptop = new Session(run, undefined, 'nina-laptop');
    laptop.apply(done('wifi-survey'), nina);
    const body = bodyOf(laptop);
    const { history: _history, ...single } = body;
    expect(
      whoDidWhat({ ...single, formatVersion: 2, eventChain: { head: null, length: 0 } }),
    ).toEqual([
      {
        person: { id: 'u-nina', name: 'Nina Network', role: 'engineer' },
        department: 'network',
        finished: 1,
        events: 0,
        actualMinutes: 0,
      },
    ]);
  });
});
