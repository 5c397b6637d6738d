// Where the hub may send a webhook (server-side request forgery): a user gives a URL, the hub
// posts to it from inside the company's network, so a URL must not reach the hub itself, the
// cloud's metadata service or internal hosts. Only http(s) URLs whose every address is public
// unicast are allowed: loopback, private (RFC 1918), link-local (169.254/16, fe80::/10),
// unique-local (fc00::/7), carrier-grade NAT, multicast, reserved and unspecified addresses are
// refused, and IPv6 forms that embed an IPv4 address are judged by that address. The check runs
// twice: on the URL when the user saves it (a literal address, "localhost"), and on every address
// the name resolves to when the hub connects (guardedLookup), so a name that later resolves
// inward (DNS rebinding) is refused at send time. An operator whose webhooks live on the internal
// network sets HUB_NOTIFY_ALLOW_PRIVATE_TARGETS=1 (tests do too, for their 127.0.0.1 receiver).
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface TargetPolicy {
  /** Allow loopback, private and link-local targets (an internal webhook receiver, tests). */
  allowPrivate: boolean;
}

const RANGE_WORDS: Record<string, string> = {
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  ipv4Mapped: 'IPv4-mapped',
};

/** Why this address may not be a webhook target; undefined when it may. */
export function refusedAddress(address: string, policy: TargetPolicy): string | undefined {
  if (policy.allowPrivate) return undefined;
  let range: string;
  try {
    // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 one; NAT64,
    // 6to4 and Teredo forms have ranges of their own, none of them 'unicast'.
    range = ipaddr.process(address.replace(/^\[|\]$/g, '')).range();
  } catch {
    return `${address} is not an IP address`;
  }
  if (range === 'unicast') return undefined;
  const words = RANGE_WORDS[range] ?? range;
  return `${address}, a ${words} address: webhooks go to public addresses only (the hub's operator can allow internal targets with HUB_NOTIFY_ALLOW_PRIVATE_TARGETS=1)`;
}

/** Problems with a webhook URL as written (scheme, credentials, literal inward targets). */
export function webhookUrlProblem(text: string, policy: TargetPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `uses ${url.protocol.replace(/:$/, '')}: only http and https are allowed`;
  }
  if (url.username !== '' || url.password !== '') return 'carries a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const refused = refusedAddress(host, policy);
    return refused === undefined ? undefined : `points at ${refused}`;
  }
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) {
    return 'points at localhost: webhooks go to public addresses only';
  }
  return undefined;
}

export class RefusedTargetError extends Error {
  readonly code = 'ERR_REFUSED_TARGET';
}

/**
 * A dns.lookup for http.request that resolves every address of the name and refuses the
 * connection when any of them is not allowed (so the address connected to is one that was checked).
 */
export type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: Resolve = (hostname, options, callback) => {
  lookup(hostname, options, callback);
};

export function guardedLookup(
  policy: TargetPolicy,
  resolve: Resolve = systemResolve,
): LookupFunction {
  return (hostname, options, callback) => {
    const all = { ...(options as LookupOneOptions), all: true } as const;
    resolve(hostname, all, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      for (const { address } of addresses) {
        const refused = refusedAddress(address, policy);
        if (refused !== undefined) {
          callback(new RefusedTargetError(`${hostname} resolves to ${refused}`), '', 0);
          return;
        }
      }
      const first = addresses[0];
      if (first === undefined) {
        callback(new Error(`${hostname} has no address`), '', 0);
        return;
      }
      if ((options as { all?: boolean }).all === true) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}
