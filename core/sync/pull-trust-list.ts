// Pulling the trust list (the keys whose signatures this device accepts) when the device keeps one.
// A list that does not validate is refused and the one held is kept; either way the list returned
// is the one reports pulled in this cycle are verified against.
import type { TrustList } from '../reports/index';
import { validateTrustList } from '../reports/index';
import type { CycleContext } from './cycle-context';
import type { TrustStore } from './sync-stores';
import { readJson } from './transport';
import { PATHS } from './wire-protocol';

export async function pullTrustList(
  ctx: CycleContext,
  store: TrustStore | undefined,
): Promise<TrustList | null> {
  const held = (await store?.read()) ?? null;
  if (!store) return held;
  ctx.progress('trust-list', 0, 1);
  const response = await ctx.get(PATHS.trustList);
  if (!response) return held;
  const checked = validateTrustList(readJson(response));
  if (!checked.ok) {
    ctx.result.problems.push(
      `The hub's trust list was refused: ${checked.problems.slice(0, 3).join('; ')}`,
    );
    return held;
  }
  await store.replace(checked.trust);
  ctx.result.pulled.trustKeys = checked.trust.keys.length;
  ctx.progress('trust-list', 1, 1);
  return checked.trust;
}
