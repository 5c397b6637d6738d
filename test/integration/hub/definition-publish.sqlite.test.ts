// POST /v1/definitions on a real hub over SQLite: the head of ICT publishes a new version from the
// app (through the app's own client, core/sync/definition-publish.ts, over the app's fetch
// transport), devices then list and fetch it byte for byte; the same bytes again are a replay;
// another text for the version, an invalid file, the wrong content type or size, and every other
// role are refused, and nothing is stored by a refusal.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHashOfBytes } from '../../../core/definitions/index';
import { publishDefinitionText } from '../../../core/sync/definition-publish';
import type { DefinitionListResponse } from '../../../core/sync/wire-protocol';
import { DEFINITION_HASH_HEADER, pathOf, PATHS } from '../../../core/sync/wire-protocol';
import { createFetchTransport } from '../../../renderer/sync/fetch-transport';
import type { TestHub } from './hub-harness';
import { sqliteFactory, startTestHub } from './hub-harness';
import type { People } from './people';
import { enrollPeople } from './people';
import { streamAttack } from './streaming-attack';

const PUBLISHED = readFileSync(
  path.resolve(import.meta.dirname, '../../../checklists/new-office/1.2.0.yaml'),
  'utf8',
);

/** new-office 1.3.0: the bundled 1.2.0 with a new version number and its own changelog. */
function nextVersion(changelog = 'Order the second ISP line six weeks ahead (Madrid).'): string {
  const text = PUBLISHED.replace('\nversion: 1.2.0\n', '\nversion: 1.3.0\n').replace(
    /\nchangelog: [\s\S]*?\n(?=[a-z]+:)/,
    `\nchangelog: ${changelog}\n`,
  );
  if (!text.includes('version: 1.3.0') || !text.includes(changelog)) {
    throw new Error('the fixture did not change version and changelog');
  }
  return text;
}

describe('publishing definitions on the hub (SQLite)', () => {
  let hub: TestHub;
  let people: People;
  const publishAs = (token: string | undefined, text: string) =>
    publishDefinitionText(
      createFetchTransport({ baseUrl: hub.url, ...(token === undefined ? {} : { token }) }),
      text,
    );
  const definitionCount = async () => (await hub.store.counts()).definitions;

  beforeAll(async () => {
    hub = await startTestHub(sqliteFactory());
    people = await enrollPeople(hub);
  });
  afterAll(() => hub.close());

  it('publishes the head of ICT’s new version, which devices then list and fetch byte for byte', async () => {
    const text = nextVersion();
    const outcome = await publishAs(people.head.token, text);
    expect(outcome).toEqual({
      ok: true,
      receipt: {
        id: 'new-office',
        version: '1.3.0',
        hash: contentHashOfBytes(new TextEncoder().encode(text)),
        publishedAt: hub.now().toISOString(),
        replay: false,
      },
    });

    // An administrator's device, as its next sync does.
    const list = await hub.request('GET', PATHS.definitions, { token: people.adminA.token });
    expect((list.json as unknown as DefinitionListResponse).definitions).toEqual([
      {
        id: 'new-office',
        version: '1.3.0',
        hash: contentHashOfBytes(new TextEncoder().encode(text)),
        publishedAt: hub.now().toISOString(),
      },
    ]);
    const fetched = await hub.request(
      'GET',
      pathOf(PATHS.definition, { id: 'new-office', version: '1.3.0' }),
      { token: people.adminA.token },
    );
    expect(fetched.status).toBe(200);
    expect(new TextDecoder().decode(fetched.bytes)).toBe(text);
    expect(fetched.headers.get(DEFINITION_HASH_HEADER)).toBe(
      contentHashOfBytes(new TextEncoder().encode(text)),
    );
  });

  it('answers a retry of the same bytes with 200 and the first receipt, storing nothing new', async () => {
    const before = await definitionCount();
    const firstAt = hub.now().toISOString();
    hub.advance(60_000);
    const response = await hub.request('POST', PATHS.definitions, {
      token: people.head.token,
      text: nextVersion(),
      contentType: 'application/yaml',
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id: 'new-office',
      version: '1.3.0',
      publishedAt: firstAt,
      replay: true,
    });
    expect(await definitionCount()).toBe(before);
  });

  it('refuses another text for a published version with 409 and keeps the published one', async () => {
    const outcome = await publishAs(people.head.token, nextVersion('Something else entirely.'));
    expect(outcome).toMatchObject({ ok: false, reason: 'conflict', status: 409 });
    expect(outcome.ok ? '' : outcome.message).toMatch(
      /new-office@1\.3\.0 is already published with another content/,
    );
    const fetched = await hub.request(
      'GET',
      pathOf(PATHS.definition, { id: 'new-office', version: '1.3.0' }),
      { token: people.head.token },
    );
    expect(new TextDecoder().decode(fetched.bytes)).toBe(nextVersion());
  });

  it('refuses a file the validator refuses with 400, every problem located, and stores nothing', async () => {
    const before = await definitionCount();
    const broken = nextVersion()
      .replace('\nversion: 1.3.0\n', '\nversion: 1.4.0\n')
      .replace('dependsOn: [site-it-lead-named]', 'dependsOn: [site-it-lead]');
    const outcome = await publishAs(people.head.token, broken);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid', status: 400 });
    expect(outcome.ok ? [] : outcome.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^definition\.yaml:\d+:\d+: item "opening-raci" depends on "site-it-lead", which is not an item in this file/,
        ),
      ]),
    );
    const notUtf8 = await hub.request('POST', PATHS.definitions, {
      token: people.head.token,
      bytes: new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe]),
      contentType: 'application/yaml',
    });
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json.message).toMatch(/UTF-8/);
    expect(await definitionCount()).toBe(before);
  });

  it('lets only the head of ICT publish, refusing the others before reading the body', async () => {
    const text = nextVersion().replace('\nversion: 1.3.0\n', '\nversion: 1.5.0\n');
    const before = await definitionCount();
    for (const person of [people.adminA, people.supervisorA]) {
      const outcome = await publishAs(person.token, text);
      expect(outcome).toMatchObject({ ok: false, reason: 'forbidden', status: 403 });
      expect(outcome.ok ? '' : outcome.message).toMatch(
        /^Only the head of ICT may publish checklist definitions/,
      );
    }
    expect(await publishAs(people.revoked.token, text)).toMatchObject({ status: 401 });
    expect(await publishAs(undefined, text)).toMatchObject({ status: 401 });
    // A declared body of 50 MB from an administrator is answered before it is sent.
    const attack = await streamAttack({
      url: hub.url,
      path: PATHS.definitions,
      token: people.adminA.token,
      contentType: 'application/yaml',
      totalBytes: 50 * 1024 * 1024,
      declareLength: true,
    });
    expect(attack.status).toBe(403);
    expect(attack.sentAtAnswer).toBeLessThan(attack.totalBytes);
    expect(await definitionCount()).toBe(before);
  });

  it('takes only YAML, and at most 1,000,000 bytes of it', async () => {
    const asJson = await hub.request('POST', PATHS.definitions, {
      token: people.head.token,
      json: { text: nextVersion() },
    });
    expect(asJson.status).toBe(415);
    const huge = await hub.request('POST', PATHS.definitions, {
      token: people.head.token,
      text: `${nextVersion()}#${'x'.repeat(1_000_000)}\n`,
      contentType: 'application/yaml',
    });
    expect(huge.status).toBe(413);
    const empty = await hub.request('POST', PATHS.definitions, {
      token: people.head.token,
      text: '',
      contentType: 'application/yaml',
    });
    expect(empty.status).toBe(400);
  });
});
