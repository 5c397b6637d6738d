// Semantic versions of definitions ("1.2.0"): parse, compare and bump. Definition files are named
// checklists/<id>/<version>.yaml, so these also order a checklist's files.
import { SEMVER } from './schema';

export type SemverParts = readonly [major: number, minor: number, patch: number];

export function parseSemver(version: string): SemverParts | undefined {
  const match = SEMVER.exec(version);
  if (match === null) return undefined;
  const parts = [Number(match[1]), Number(match[2]), Number(match[3])] as const;
  return parts.every(Number.isSafeInteger) ? parts : undefined;
}

/** Orders versions ascending; strings that are not versions sort first, by text. */
export function compareSemver(a: string, b: string): number {
  const left = parseSemver(a);
  const right = parseSemver(b);
  if (left === undefined || right === undefined) {
    if (left !== right) return left === undefined ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] as number) - (right[index] as number);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** "1.2.3" -> "1.2.4"; undefined when the input is not a version. */
export function nextPatchVersion(version: string): string | undefined {
  const parts = parseSemver(version);
  if (parts === undefined) return undefined;
  return `${parts[0]}.${parts[1]}.${parts[2] + 1}`;
}
