// A device's transport in front of two hub instances (each behind its own fault proxy): every
// request goes to one instance picked at random (seeded), so a device's retry often reaches the
// other instance than the try whose answer was lost, and a stale original held by one proxy lands
// after the retry was stored by the other. At `splitRate` a request is sent to BOTH instances at
// once (a duplicate that races across processes); the first answer wins, as a client would see.
// The app's own fetch transport does the HTTP (headers, timeouts, TransportError).
import type { HubRequest, HubResponse, Transport } from '../../../core/sync/index';
import { createFetchTransport } from '../../../renderer/sync/fetch-transport';

export interface SwitchStats {
  /** Requests per instance (a split request counts on both). */
  perInstance: number[];
  /** Requests that went to another instance than this device's previous request. */
  switches: number;
  /** Requests sent to both instances at once. */
  splits: number;
}

export interface SwitchingTransport {
  transport: Transport;
  stats: SwitchStats;
}

export function createSwitchingTransport(options: {
  urls: readonly string[];
  token: string;
  random: () => number;
  splitRate: number;
}): SwitchingTransport {
  const targets = options.urls.map((baseUrl) =>
    createFetchTransport({ baseUrl, token: options.token }),
  );
  const stats: SwitchStats = { perInstance: targets.map(() => 0), switches: 0, splits: 0 };
  let previous = -1;

  async function both(request: HubRequest): Promise<HubResponse> {
    stats.splits += 1;
    targets.forEach(
      (_target, index) => (stats.perInstance[index] = (stats.perInstance[index] ?? 0) + 1),
    );
    try {
      return await Promise.any(targets.map((target) => target(request)));
    } catch (error) {
      // Every copy went unanswered: the first one's TransportError, as a single request would give.
      throw (error as AggregateError).errors[0];
    }
  }

  const transport: Transport = (request) => {
    if (options.splitRate > 0 && options.random() < options.splitRate) return both(request);
    const index = Math.floor(options.random() * targets.length);
    if (previous !== -1 && index !== previous) stats.switches += 1;
    previous = index;
    stats.perInstance[index] = (stats.perInstance[index] ?? 0) + 1;
    return (targets[index] as Transport)(request);
  };
  return { transport, stats };
}
