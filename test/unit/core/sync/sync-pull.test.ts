// What a cycle pulls after pushing: the trust list (validated, then replacing the device's), new
// definition versions (hash-checked, validated by the sink, never replacing a held version) and
// the report bundles the user may read (verified before being kept): supervisors and the head to
// review, administrators to get their own reports back countersigned or sent back.
import { describe, expect, it } from 'vitest';
import { validateDefinitionText } from '../../../../core/definitions';
import type { TrustList } from '../../../../core/reports';
import { contentHashOfBytes } from '../../../../core/definitions/content-hash';
import type {
  DefinitionSink,
  HeldReport,
  HubRequest,
  PulledReport,
  ReportInbox,
  SyncEngineDeps,
  TrustStore,
} from '../../../../core/sync/index';
import { runSyncCycle } from '../../../../core/sync/index';
import { signedBundle, signerFor } from '../../../integration/hub/report-fixtures';
import type { Handler } from './fakes';
import { createMemoryOutbox, response, scriptedTransport, testClock } from './fakes';

const DEFINITION = `id: mini-office
version: 1.0.0
title: Mini office go-live
kind: new-office
changelog: First release.
departments:
  - { id: network, title: Network }
sections:
  - id: connectivity
    title: Connectivity
    department: network
    items:
      - id: labels
        title: Rack labels photographed
        type: check
        severity: minor
`;
const definitionHash = contentHashOfBytes(new TextEncoder().encode(DEFINITION));

function memoryTrust(initial: TrustList | null = null): TrustStore & { current: TrustList | null } {
  const store = {
    current: initial,
    read: async () => store.current,
    replace: async (trust: TrustList) => {
      store.current = trust;
    },
  };
  return store;
}

function memoryDefinitions(
  held: Record<string, string> = {},
): DefinitionSink & { kept: Map<string, string> } {
  const kept = new Map(Object.entries(held));
  return {
    kept,
    hashOf: async (id, version) => {
      const text = kept.get(`${id}@${version}`);
      return text === undefined ? undefined : contentHashOfBytes(new TextEncoder().encode(text));
    },
    add: async ({ id, version, text }) => {
      const result = validateDefinitionText(text, `hub/checklists/${id}/${version}.yaml`);
      if (!result.ok) return { ok: false, problems: result.problems.map((p) => p.message) };
      kept.set(`${id}@${version}`, text);
      return { ok: true };
    },
  };
}

function memoryInbox(held: HeldReport[] = []): ReportInbox & { kept: PulledReport[] } {
  const kept: PulledReport[] = [];
  return { kept, held: async () => held, keep: async (report) => void kept.push(report) };
}

function run(handler: Handler, deps: Partial<SyncEngineDeps>) {
  const transport = scriptedTransport(handler);
  return {
    transport,
    result: runSyncCycle({
      transport,
      outbox: createMemoryOutbox(),
      reports: { bundle: async () => undefined },
      role: 'admin',
      clock: testClock().now,
      random: () => 0.5,
      ...deps,
    }),
  };
}

const admin = signerFor('admin-a', 'Ana Admin', 'admin', 'Berlin');

async function hubTrust(): Promise<TrustList> {
  const { publicKey } = await admin.identity();
  return {
    format: 'go-live-trust-list',
    formatVersion: 1,
    keys: [{ publicKey, name: 'Ana Admin', role: 'admin', office: 'Berlin' }],
  };
}

describe('pulling the trust list', () => {
  it('replaces the device trust list with the hub one', async () => {
    const hubList = await hubTrust();
    const trust = memoryTrust();
    const { result } = run(() => response(200, hubList), { trust });
    expect((await result).pulled.trustKeys).toBe(1);
    expect(trust.current).toEqual(hubList);
  });

  it('keeps the device list when the hub sends something that is not a trust list', async () => {
    const held = await hubTrust();
    const trust = memoryTrust(held);
    const { result } = run(
      () =>
        response(200, {
          format: 'go-live-trust-list',
          formatVersion: 1,
          keys: [{ publicKey: 'x' }],
        }),
      { trust },
    );
    expect((await result).problems[0]).toMatch(/trust list was refused/);
    expect(trust.current).toBe(held);
  });
});

describe('pulling definitions', () => {
  const list = (hash = definitionHash) =>
    response(200, {
      definitions: [
        { id: 'mini-office', version: '1.0.0', hash, publishedAt: '2025-06-01T00:00:00.000Z' },
      ],
    });

  it('fetches a new version, checks its hash and lets the sink validate it', async () => {
    const definitions = memoryDefinitions();
    const { result } = run(
      (request) =>
        request.path === '/v1/definitions'
          ? list()
          : response(200, DEFINITION, { 'x-definition-hash': definitionHash }),
      { definitions },
    );
    expect((await result).pulled.definitions).toEqual(['mini-office@1.0.0']);
    expect(definitions.kept.get('mini-office@1.0.0')).toBe(DEFINITION);
  });

  it('does not fetch a version held with the same hash', async () => {
    const definitions = memoryDefinitions({ 'mini-office@1.0.0': DEFINITION });
    const { result, transport } = run(() => list(), { definitions });
    await result;
    expect(transport.log.map((r: HubRequest) => r.path)).toEqual(['/v1/health', '/v1/definitions']);
  });

  it('refuses text that does not match the listed hash, or does not validate', async () => {
    const definitions = memoryDefinitions();
    const tampered = DEFINITION.replace('minor', 'blocking');
    const first = run((r) => (r.path === '/v1/definitions' ? list() : response(200, tampered)), {
      definitions,
    });
    expect((await first.result).problems[0]).toMatch(/does not match its published hash/);
    const invalid = 'id: mini-office\nversion: 1.0.0\n';
    const invalidHash = contentHashOfBytes(new TextEncoder().encode(invalid));
    const second = run(
      (r) => (r.path === '/v1/definitions' ? list(invalidHash) : response(200, invalid)),
      { definitions },
    );
    expect((await second.result).problems[0]).toMatch(/does not validate/);
    expect(definitions.kept.size).toBe(0);
  });

  it('never replaces a held version that differs (published versions are immutable)', async () => {
    const definitions = memoryDefinitions({
      'mini-office@1.0.0': DEFINITION.replace('First', 'Local'),
    });
    const { result } = run(() => list(), { definitions });
    expect((await result).problems[0]).toMatch(/differs from the copy on this device/);
  });
});

describe('pulling reports (every role: the hub scopes the list)', () => {
  async function hubWithOneReport() {
    const bundle = await signedBundle(admin, { reportId: 'rep-1', office: 'Berlin' });
    const entry = {
      reportId: 'rep-1',
      revision: 1,
      reportHash: bundle.reportHash,
      office: 'Berlin',
      runName: 'Opening Berlin',
      definitionId: 'new-office',
      definitionVersion: '1.1.0',
      decision: 'go',
      signedAt: '2025-06-01T16:00:00.000Z',
      receivedAt: '2025-06-02T08:00:00.000Z',
      reviewState: 'signed',
    };
    const trustList = await hubTrust();
    const handler: Handler = (request) => {
      if (request.path === '/v1/trust-list') return response(200, trustList);
      if (request.path === '/v1/reports') return response(200, { reports: [entry] });
      return response(200, bundle.bytes, { 'x-report-hash': bundle.reportHash });
    };
    return { bundle, entry, handler };
  }

  it('keeps a report that verifies against the pulled trust list', async () => {
    const { handler, bundle } = await hubWithOneReport();
    const inbox = memoryInbox();
    const { result } = run(handler, { role: 'supervisor', inbox, trust: memoryTrust() });
    expect((await result).pulled.reports).toEqual(['rep-1@1']);
    expect(inbox.kept[0]?.reportHash).toBe(bundle.reportHash);
    expect(inbox.kept[0]?.attachments.size).toBe(1);
  });

  it('skips a report already held in the same review state', async () => {
    const { handler, entry } = await hubWithOneReport();
    const inbox = memoryInbox([{ ...entry, reviewState: 'signed' }]);
    const { result, transport } = run(handler, { role: 'head', inbox, trust: memoryTrust() });
    await result;
    expect(transport.log.some((r) => r.path.startsWith('/v1/reports/'))).toBe(false);
  });

  it('does not keep a report whose signer the hub does not trust', async () => {
    const { handler } = await hubWithOneReport();
    const inbox = memoryInbox();
    const empty: TrustList = { format: 'go-live-trust-list', formatVersion: 1, keys: [] };
    const untrusting: Handler = (request) =>
      request.path === '/v1/trust-list' ? response(200, empty) : handler(request);
    const { result } = run(untrusting, { role: 'supervisor', inbox, trust: memoryTrust() });
    expect((await result).problems[0]).toMatch(/does not verify/);
    expect(inbox.kept).toEqual([]);
  });

  it('administrators pull too: their report comes back once a supervisor answered it', async () => {
    const { handler, entry } = await hubWithOneReport();
    const held = memoryInbox([{ ...entry, reviewState: 'signed' }]);
    const quiet = run(handler, { role: 'admin', inbox: held, trust: memoryTrust() });
    await quiet.result;
    expect(quiet.transport.log.some((r) => r.path === '/v1/reports')).toBe(true);
    expect(quiet.transport.log.some((r) => r.path.startsWith('/v1/reports/'))).toBe(false);

    // The hub now says sent back: the bundle (with every signature) is fetched and kept.
    const answered: Handler = (request) =>
      request.path === '/v1/reports'
        ? response(200, { reports: [{ ...entry, reviewState: 'sent-back' }] })
        : handler(request);
    const { result } = run(answered, { role: 'admin', inbox: held, trust: memoryTrust() });
    expect((await result).pulled.reports).toEqual(['rep-1@1']);
    expect(held.kept).toHaveLength(1);
  });
});
