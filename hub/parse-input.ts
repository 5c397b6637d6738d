// Parses request bodies, params and queries with the wire protocol's zod schemas (strict: unknown
// fields refused, nothing coerced), and refuses text the store cannot keep as it is (NUL, lone
// surrogates: storable-text.ts). A failure is a 400 that lists each problem with its path.
import type { z } from 'zod';
import { badRequest } from './hub-error';
import { unstorablePaths } from './storable-text';

const MAX_DETAILS = 20;

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    const unstorable = unstorablePaths(parsed.data);
    if (unstorable.length === 0) return parsed.data;
    throw badRequest(
      `The ${what} holds text with a NUL character or a lone surrogate, which the hub does not store.`,
      unstorable.slice(0, MAX_DETAILS),
    );
  }
  const details = parsed.error.issues.slice(0, MAX_DETAILS).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
  throw badRequest(`The ${what} is not what this endpoint expects.`, details);
}
