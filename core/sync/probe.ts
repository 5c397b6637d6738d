// The first phase: is the hub there, and does it speak this app's protocol? Anything but a hub
// answering the same WIRE_PROTOCOL_VERSION ends the cycle before a single entry is tried.
import { statusMessage, unanswered } from './attempts';
import type { CycleContext } from './cycle-context';
import { CycleHalt } from './cycle-context';
import { field } from './receipts';
import { readJson, TransportError } from './transport';
import { PATHS, WIRE_PROTOCOL_VERSION } from './wire-protocol';

export async function probe(ctx: CycleContext): Promise<void> {
  ctx.progress('probe', 0, 1);
  const response = await ctx.send({
    method: 'GET',
    path: PATHS.health,
    timeoutMs: ctx.config.probeTimeoutMs,
  });
  if (response instanceof TransportError)
    throw new CycleHalt('offline', unanswered(response).message);
  if (response.status === 426) throw new CycleHalt('incompatible', statusMessage(response));
  if (response.status !== 200) throw new CycleHalt('offline', statusMessage(response));
  const version = field<number>(readJson(response), 'protocolVersion', 'number');
  if (version === undefined)
    throw new CycleHalt('offline', 'The address answers, but not as a hub.');
  if (version !== WIRE_PROTOCOL_VERSION) {
    throw new CycleHalt(
      'incompatible',
      `The hub speaks protocol version ${version}; this app speaks ${WIRE_PROTOCOL_VERSION}.`,
    );
  }
  ctx.progress('probe', 1, 1);
}
