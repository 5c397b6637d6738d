// The trust list: the public keys the organisation trusts, with each key's role (a file now, the
// hub later). Parsed strictly, with messages that say which entry is wrong; a key listed twice is
// refused, because two entries could give one key two roles.
import { z } from 'zod';
import { base64urlToBytes } from './base64url';
import { PUBLIC_KEY_BYTES } from './ed25519';
import type { TrustedKey, TrustList } from './report-format';
import { PUBLIC_KEY_PATTERN, SIGNER_ROLES } from './report-schema';
import { describeShapeIssues } from './shape-issues';

export const TRUST_LIST_FORMAT = 'go-live-trust-list';
export const MAX_TRUST_LIST_BYTES = 5 * 1024 * 1024;
export const MAX_TRUSTED_KEYS = 10_000;

const text = z.string().min(1).max(1_000);

export const trustedKeySchema = z.strictObject({
  publicKey: z.string().regex(PUBLIC_KEY_PATTERN, 'must be a base64url Ed25519 public key'),
  name: text,
  role: z.enum(SIGNER_ROLES),
  office: text.optional(),
  supervises: z.array(text).max(1_000).optional(),
  revokedAt: z.iso.datetime({ offset: true }).optional(),
});

export const trustListSchema = z.strictObject({
  format: z.literal(TRUST_LIST_FORMAT),
  formatVersion: z.literal(1),
  keys: z.array(trustedKeySchema).max(MAX_TRUSTED_KEYS),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTrustList: Same<z.infer<typeof trustListSchema>, TrustList> = true;
export const TRUST_SCHEMA_MATCHES_FORMAT = sameTrustList;

export type TrustListResult = { ok: true; trust: TrustList } | { ok: false; problems: string[] };

/** Checks an already-parsed value; problems read "keys[2].role: must be one of ...". */
export function validateTrustList(value: unknown): TrustListResult {
  const parsed = trustListSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: describeShapeIssues(parsed.error.issues, value).map(
        (issue) => `${issue.path === '' ? 'the trust list' : issue.path}: ${issue.message}`,
      ),
    };
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  parsed.data.keys.forEach((key, index) => {
    const bytes = base64urlToBytes(key.publicKey);
    if (!bytes || bytes.length !== PUBLIC_KEY_BYTES) {
      problems.push(`keys[${index}].publicKey: is not a 32-byte base64url public key`);
    }
    const first = seen.get(key.publicKey);
    if (first !== undefined) {
      problems.push(`keys[${index}].publicKey: the same key is already listed as keys[${first}]`);
    } else seen.set(key.publicKey, index);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, trust: parsed.data };
}

/** Parses trust list JSON text. */
export function parseTrustList(text: string): TrustListResult {
  if (text.length > MAX_TRUST_LIST_BYTES) {
    return { ok: false, problems: ['The trust list is too large to be one.'] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    return { ok: false, problems: [`The trust list is not valid JSON${detail}.`] };
  }
  return validateTrustList(value);
}

/** The trust list's entry for a key (revoked or not), or undefined when it is not listed. */
export function findTrustedKey(trust: TrustList, publicKey: string): TrustedKey | undefined {
  return trust.keys.find((key) => key.publicKey === publicKey);
}
