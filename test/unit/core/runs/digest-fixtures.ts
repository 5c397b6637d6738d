// Runs the status digest tests share (core digest data, the renderer's digest text).
import type { ChecklistDefinition } from '../../../../core/definitions/schema';
import { approveWaiver, done, makeRun, Session, smallDefinition } from './fixtures';

/**
 * Everything the digest can say: ISP lines blocked, a speed test waiting on them, an unacceptable
 * antivirus answer, core switches over their estimate, and an approved waiver of the failover test.
 */
export function troubledSession(): Session {
  const session = new Session()
    .must(
      {
        type: 'setValue',
        itemId: 'core-switches',
        value: { type: 'count', legs: ['sw-a', 'sw-b'] },
      },
      { type: 'start', itemId: 'core-switches' },
    )
    .wait(100)
    .must(
      done('core-switches'),
      {
        type: 'setStatus',
        itemId: 'isp-lines',
        status: 'blocked',
        reason: 'Second line not delivered\nby Vodafone.',
      },
      { type: 'setValue', itemId: 'av-policy', value: { type: 'choice', choiceId: 'disabled' } },
    );
  session.must({ type: 'waive', itemId: 'failover-test', justification: 'ISP tested failover.' });
  return approveWaiver(session, 'failover-test');
}

/** A run of `count` minor checks ("Check 0", "Check 1", ...), every one of them blocked. */
export function everythingBlocked(count: number): {
  definition: ChecklistDefinition;
  session: Session;
} {
  const items = Array.from({ length: count }, (_, index) => ({
    id: `check-${index}`,
    title: `Check ${index}`,
    type: 'check' as const,
    severity: 'minor' as const,
  }));
  const definition = smallDefinition(items);
  const session = new Session(makeRun({ parameters: {} }), definition);
  for (const item of items) {
    session.must({ type: 'setStatus', itemId: item.id, status: 'blocked', reason: item.title });
  }
  return { definition, session };
}
