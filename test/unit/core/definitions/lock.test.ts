// The lock of published versions (checklists/lock.json) and semantic version helpers.
import { describe, expect, it } from 'vitest';
import {
  checkPublished,
  compareSemver,
  formatLock,
  nextPatchVersion,
  parseLock,
  parseSemver,
  publish,
  type HashedFile,
} from '../../../../core/definitions';

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const hashC = 'c'.repeat(64);

const files: HashedFile[] = [
  { relativePath: 'new-office/1.0.0.yaml', hash: hashA },
  { relativePath: 'new-office/1.1.0.yaml', hash: hashB },
  { relativePath: 'client-onboarding/1.0.0.yaml', hash: hashC },
];

describe('checkPublished', () => {
  it('passes unchanged published files and lists the others as drafts', () => {
    expect(checkPublished(files, { 'new-office/1.0.0.yaml': hashA })).toEqual({
      problems: [],
      drafts: ['client-onboarding/1.0.0.yaml', 'new-office/1.1.0.yaml'],
      unchanged: ['new-office/1.0.0.yaml'],
    });
  });

  it('reports a published file whose hash changed, pointing at the next version', () => {
    const lock = { 'new-office/1.0.0.yaml': hashA, 'new-office/1.1.0.yaml': hashA };
    expect(checkPublished(files, lock).problems).toEqual([
      {
        relativePath: 'new-office/1.1.0.yaml',
        message:
          'published version changed: publish a new version (copy to checklists/new-office/1.1.1.yaml) instead of editing, and restore this file (git checkout)',
      },
    ]);
  });

  it('points at an existing newer draft instead of a new version', () => {
    const lock = { 'new-office/1.0.0.yaml': hashB };
    expect(checkPublished(files, lock).problems[0]?.message).toBe(
      'published version changed: put the change into the draft checklists/new-office/1.1.0.yaml instead of editing, and restore this file (git checkout)',
    );
  });

  it('reports a published file that is missing', () => {
    const lock = { 'new-office/1.0.0.yaml': hashA, 'new-office/0.9.0.yaml': hashB };
    expect(checkPublished(files, lock).problems).toEqual([
      {
        relativePath: 'new-office/0.9.0.yaml',
        message: expect.stringMatching(/^published version is missing: restore it/),
      },
    ]);
  });

  it('ignores inherited property names in the lock', () => {
    expect(checkPublished([{ relativePath: 'constructor', hash: hashA }], {}).drafts).toEqual([
      'constructor',
    ]);
  });
});

describe('publish', () => {
  it('adds the hashes of every draft and keeps the keys sorted', () => {
    const result = publish(files, { 'new-office/1.0.0.yaml': hashA });
    expect(result).toEqual({
      ok: true,
      lock: {
        'client-onboarding/1.0.0.yaml': hashC,
        'new-office/1.0.0.yaml': hashA,
        'new-office/1.1.0.yaml': hashB,
      },
      published: ['client-onboarding/1.0.0.yaml', 'new-office/1.1.0.yaml'],
    });
    expect(result.ok && Object.keys(result.lock)).toEqual([
      'client-onboarding/1.0.0.yaml',
      'new-office/1.0.0.yaml',
      'new-office/1.1.0.yaml',
    ]);
  });

  it('publishes only the drafts asked for', () => {
    const result = publish(files, {}, ['new-office/1.1.0.yaml']);
    expect(result).toEqual({
      ok: true,
      lock: { 'new-office/1.1.0.yaml': hashB },
      published: ['new-office/1.1.0.yaml'],
    });
  });

  it('refuses when a published file changed or is missing, or a requested file is unknown', () => {
    expect(publish(files, { 'new-office/1.0.0.yaml': hashB })).toMatchObject({
      ok: false,
      problems: [{ relativePath: 'new-office/1.0.0.yaml' }],
    });
    expect(publish(files, { 'old/1.0.0.yaml': hashB })).toMatchObject({
      ok: false,
      problems: [{ relativePath: 'old/1.0.0.yaml' }],
    });
    expect(publish(files, {}, ['nope/1.0.0.yaml'])).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/not found/) }],
    });
  });

  it('refuses drafts outside checklists/<id>/<version>.yaml', () => {
    expect(publish([{ relativePath: 'loose.yaml', hash: hashA }], {})).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/checklists\/<id>\/<version>\.yaml/) }],
    });
  });

  it('does nothing when everything is published', () => {
    expect(publish(files.slice(0, 1), { 'new-office/1.0.0.yaml': hashA })).toEqual({
      ok: true,
      lock: { 'new-office/1.0.0.yaml': hashA },
      published: [],
    });
  });
});

describe('lock file text', () => {
  it('round-trips with sorted keys and a final newline', () => {
    const text = formatLock({ 'z/1.0.0.yaml': hashA, 'a/1.0.0.yaml': hashB });
    expect(text).toBe(`{\n  "a/1.0.0.yaml": "${hashB}",\n  "z/1.0.0.yaml": "${hashA}"\n}\n`);
    expect(parseLock(text)).toEqual({
      ok: true,
      lock: { 'a/1.0.0.yaml': hashB, 'z/1.0.0.yaml': hashA },
    });
  });

  it.each([
    ['{', /not valid JSON/],
    ['[]', /must be a JSON object/],
    ['null', /must be a JSON object/],
    [
      `{"new-office/1.0.yaml": "${hashA}"}`,
      /entry "new-office\/1\.0\.yaml" is not "<id>\/<version>\.yaml"/,
    ],
    [`{"__proto__": "${hashA}"}`, /entry "__proto__" is not/],
    ['{"new-office/1.0.0.yaml": "ABC"}', /not a lowercase hex SHA-256/],
    [`{"new-office/1.0.0.yaml": "${hashA.toUpperCase()}"}`, /not a lowercase hex SHA-256/],
  ])('rejects %s', (text, message) => {
    const result = parseLock(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
    expect(!result.ok && result.message).toMatch(/restore it from git/);
  });
});

describe('semantic versions', () => {
  it('bumps the patch version', () => {
    expect(nextPatchVersion('1.2.3')).toBe('1.2.4');
    expect(nextPatchVersion('0.0.9')).toBe('0.0.10');
    expect(nextPatchVersion('1.2')).toBeUndefined();
  });

  it('parses and orders versions numerically', () => {
    expect(parseSemver('10.0.1')).toEqual([10, 0, 1]);
    expect(parseSemver('01.0.0')).toBeUndefined();
    expect(['1.10.0', '1.2.0', '1.9.9', '0.1.0', 'draft'].sort(compareSemver)).toEqual([
      'draft',
      '0.1.0',
      '1.2.0',
      '1.9.9',
      '1.10.0',
    ]);
  });
});
