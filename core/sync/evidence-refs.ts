// Which evidence file an event of a shared run names: the one rule the hub (which takes and serves
// only files its accepted events name) and the devices (which fetch the files their run names)
// share. Only an `attach` names a file; every later answer that lists it got it from that event.
import type { AttachmentRef } from '../runs/model';
import type { RunEvent } from '../runs/run-event';

/** The evidence file the event attaches, or undefined when it attaches none. */
export function evidenceNamedBy(
  event: Pick<RunEvent, 'type' | 'payload'>,
): AttachmentRef | undefined {
  const { action } = event.payload;
  return action.type === 'attach' ? action.attachment : undefined;
}
