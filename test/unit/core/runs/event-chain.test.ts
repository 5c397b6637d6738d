import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  GENESIS_HASH,
  hashEvent,
  recordEvent,
  RunLog,
  sha256Hex,
  verifyAnswersAgainstLog,
  verifyChain,
  type Answer,
  type EventDraft,
  type RunEvent,
} from '../../../../core/runs';
import { completeRun, Session } from './fixtures';

function log(): RunEvent[] {
  return completeRun(new Session()).events;
}

function verifyAnswersAgainstEvents(
  answers: Iterable<Answer> | ReadonlyMap<string, Answer>,
  events: RunEvent[],
): string[] {
  return verifyAnswersAgainstLog(answers, RunLog.of('run-berlin', events).answers());
}

describe('recordEvent', () => {
  it('numbers events from 1 and links each to the previous hash', () => {
    const events = log();
    expect(events[0]?.seq).toBe(1);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events.at(-1)?.seq).toBe(events.length);
  });

  it('hashes the RFC 8785 canonical JSON of everything but the hash', () => {
    const [first] = log();
    if (!first) throw new Error('no event');
    const { hash, ...rest } = first;
    expect(hash).toBe(sha256Hex(canonicalJson(rest)));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(canonicalJson({ b: 1, a: [true, null], c: undefined })).toBe('{"a":[true,null],"b":1}');
  });

  it('is deterministic: the same draft after the same event hashes the same', () => {
    const events = log();
    const again = recordEvent(events[1] as RunEvent, 'device-a', events[0] as RunEvent, {});
    expect(again.hash).toBe(events[1]?.hash);
  });
});

describe('verifyChain', () => {
  it('accepts a valid chain and returns its head; an empty log has no head', () => {
    const events = log();
    expect(verifyChain(events)).toEqual({ ok: true, head: events.at(-1)?.hash });
    expect(verifyChain([])).toEqual({ ok: true, head: null });
  });

  it('detects an edited event', () => {
    const events = log();
    const edited = structuredClone(events);
    const target = edited[4] as RunEvent;
    target.payload.after = { ...target.payload.after, status: 'done' };
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 5 });
    const actor = [...events];
    const third = events[2] as RunEvent;
    actor[2] = { ...third, actor: { ...third.actor, name: 'Mallory' } };
    expect(verifyChain(actor)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('changed'),
    });
  });

  it('detects an edited event that was re-hashed (its successor no longer links)', () => {
    const events = structuredClone(log());
    const target = events[3] as RunEvent;
    target.at = '2020-01-01T00:00:00.000Z';
    const { hash: _old, ...rest } = target;
    events[3] = { ...rest, hash: sha256Hex(canonicalJson(rest)) };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('detects a removed event, a reordered log and a seq gap', () => {
    const events = log();
    expect(verifyChain([...events.slice(0, 2), ...events.slice(3)])).toMatchObject({
      ok: false,
      brokenAt: 3,
    });
    const reordered = [...events];
    [reordered[1], reordered[2]] = [reordered[2] as RunEvent, reordered[1] as RunEvent];
    expect(verifyChain(reordered)).toMatchObject({ ok: false, brokenAt: 2 });
    expect(verifyChain(events.slice(1))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('detects a renumbered log and a wrong prevHash', () => {
    const events = log();
    // drop event 3 and renumber + rehash everything after it: links still break
    const forged = [events[0], events[1]] as RunEvent[];
    for (const event of events.slice(3)) {
      const { seq: _s, prevHash: _p, hash: _h, ...draft } = event;
      forged.push(recordEvent(draft, 'device-a', forged.at(-1) ?? null, {}));
    }
    // a fully re-chained log verifies: the chain proves order and integrity, the signed head proves completeness
    expect(verifyChain(forged).ok).toBe(true);
    const wrongLink = structuredClone(events);
    const target = wrongLink[2] as RunEvent;
    const { hash: _h, ...rest } = { ...target, prevHash: 'f'.repeat(64) };
    wrongLink[2] = { ...rest, hash: sha256Hex(canonicalJson(rest)) };
    expect(verifyChain(wrongLink)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('link'),
    });
  });

  it('detects an event from another run', () => {
    const events = structuredClone(log());
    const other = recordEvent(
      { ...(events[1] as RunEvent), runId: 'run-paris' },
      'device-a',
      events[0] as RunEvent,
      {},
    );
    events[1] = other;
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('format-1 events (recorded before shared runs)', () => {
  function legacyChain(): RunEvent[] {
    const drafts: EventDraft[] = log()
      .slice(0, 4)
      .map(({ runId, type, itemId, payload, at, actor }) => ({
        runId,
        type,
        itemId,
        payload,
        at,
        actor,
      }));
    const events: RunEvent[] = [];
    for (const draft of drafts) {
      const previous = events.at(-1);
      const unhashed = {
        ...draft,
        seq: (previous?.seq ?? 0) + 1,
        prevHash: previous?.hash ?? GENESIS_HASH,
      };
      // As stored before shared runs: the hash covered everything but itself; no chain, no clock.
      const hash = sha256Hex(canonicalJson(unhashed));
      events.push({ ...unhashed, hash, chain: 'device-old' });
    }
    return events;
  }

  it('keep their original hashes once storage gives them a chain', () => {
    const events = legacyChain();
    expect(verifyChain(events)).toEqual({ ok: true, head: events.at(-1)?.hash });
    for (const event of events) expect(hashEvent(event)).toBe(event.hash);
  });

  it('are still tamper-evident', () => {
    const events = structuredClone(legacyChain());
    (events[1] as RunEvent).at = '2020-01-01T00:00:00.000Z';
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('can be continued by format-2 events, but never follow them', () => {
    const events = legacyChain();
    const next = recordEvent(events[0] as RunEvent, 'device-old', events.at(-1) as RunEvent, {});
    expect(next.v).toBe(2);
    expect(verifyChain([...events, next]).ok).toBe(true);
    const { v: _v, clock: _c, hash: _h, ...legacy } = next;
    const back = { ...legacy, seq: next.seq + 1, prevHash: next.hash };
    const oldAfterNew = { ...back, hash: hashEvent(back) } as RunEvent;
    expect(verifyChain([...events, next, oldAfterNew])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('old format'),
    });
  });
});

describe('verifyAnswersAgainstLog', () => {
  it('finds no mismatch when the answers are what the log says', () => {
    const session = completeRun(new Session());
    expect(verifyAnswersAgainstEvents(session.answers, session.events)).toEqual([]);
    expect(verifyAnswersAgainstEvents([...session.answers.values()], session.events)).toEqual([]);
  });

  it('detects answers edited, added or deleted outside the log', () => {
    const session = completeRun(new Session());
    const answers = new Map(session.answers);
    const speed = answers.get('speed-test');
    if (!speed) throw new Error('no answer');
    answers.set('speed-test', { ...speed, value: { type: 'number', value: 1000 } });
    answers.delete('av-policy');
    answers.set('fax-line', { ...speed, itemId: 'fax-line' });
    expect(verifyAnswersAgainstEvents(answers, session.events)).toEqual([
      'speed-test',
      'av-policy',
      'fax-line',
    ]);
  });
});
