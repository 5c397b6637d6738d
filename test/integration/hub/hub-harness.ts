// A real hub on 127.0.0.1 (port 0) over a real store for the hub tests: SQLite in a temporary
// folder or a fresh database of a throwaway PostgreSQL cluster, a clock the test moves, a small
// fetch-based client, and the people of the tests enrolled through the real POST /v1/enroll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Signer, SignerRole } from '../../../core/reports/index';
import type { EnrollResponse } from '../../../core/sync/wire-protocol';
import { PATHS, PROTOCOL_HEADER, WIRE_PROTOCOL_VERSION } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import type { HubLimits } from '../../../hub/hub-context';
import { createHub } from '../../../hub/server';
import type { HubStore, UserRecord } from '../../../hub/store/hub-store';
import { openPostgresStore, openSqliteStore } from '../../../hub/store/open-store';
import type { PostgresCluster } from './postgres-cluster';
import { signerFor } from './report-fixtures';

/** Opens fresh stores of one engine; reopen() opens the same data again. */
export interface StoreFactory {
  engine: 'sqlite' | 'postgres';
  fresh(): Promise<{ store: HubStore; reopen(): Promise<HubStore>; cleanup(): void }>;
}

export function sqliteFactory(): StoreFactory {
  return {
    engine: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), 'hub-sqlite-'));
      const file = path.join(dir, 'hub.sqlite');
      return {
        store: await openSqliteStore(file),
        reopen: () => openSqliteStore(file),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  };
}

export function postgresFactory(cluster: PostgresCluster): StoreFactory {
  return {
    engine: 'postgres',
    async fresh() {
      const url = await cluster.createDatabase();
      return {
        store: await openPostgresStore(url),
        reopen: () => openPostgresStore(url),
        cleanup: () => undefined,
      };
    },
  };
}

export interface Response {
  status: number;
  headers: Headers;
  /** The parsed JSON body, when the answer is JSON. */
  json: Record<string, unknown>;
  bytes: Uint8Array;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  bytes?: Uint8Array;
  /** Raw text body. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Person {
  label: string;
  user: UserRecord;
  signer: Signer;
  publicKey: string;
  token: string;
  deviceId: string;
}

export interface TestHub {
  url: string;
  app: FastifyInstance;
  store: HubStore;
  reopen(): Promise<HubStore>;
  /** Moves the hub's clock. */
  advance(ms: number): void;
  now(): Date;
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  enroll(
    label: string,
    name: string,
    role: SignerRole,
    office?: string,
    supervises?: string[],
  ): Promise<Person>;
  /** A second hub server over the same store and clock, with other limits (closes on its own). */
  sibling(limits: Partial<HubLimits>): Promise<TestHub>;
  close(): Promise<void>;
}

export async function startTestHub(
  factory: StoreFactory,
  limits: Partial<HubLimits> = {},
  shared?: { store: HubStore; reopen(): Promise<HubStore>; clock: { time: number } },
): Promise<TestHub> {
  const opened = shared
    ? { store: shared.store, reopen: shared.reopen, cleanup: () => undefined }
    : await factory.fresh();
  const time = shared?.clock ?? { time: Date.parse('2025-06-02T08:00:00.000Z') };
  const clock = () => new Date(time.time);
  const app = createHub({
    store: opened.store,
    clock,
    // Generous budgets, so suites that send many requests (and many refused ones) are not
    // rate limited; auth-budget-cases.ts asks for the real ones.
    limits: {
      rateLimitMax: 100_000,
      authFailureMax: 100_000,
      enrollFailureMax: 100_000,
      ...limits,
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;

  async function request(
    method: string,
    target: string,
    options: RequestOptions = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
      ...options.headers,
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.bytes !== undefined) {
      body = options.bytes as Uint8Array<ArrayBuffer>;
      headers['content-type'] = options.contentType ?? 'application/zip';
    } else if (options.text !== undefined) {
      body = options.text;
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const response = await fetch(`${url}${target}`, { method, headers, body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    let json: Record<string, unknown> = {};
    if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
      json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    }
    return { status: response.status, headers: response.headers, json, bytes };
  }

  async function enroll(
    label: string,
    name: string,
    role: SignerRole,
    office?: string,
    supervises?: string[],
  ): Promise<Person> {
    const user = await createUser(
      opened.store,
      {
        name,
        role,
        ...(office === undefined ? {} : { office }),
        ...(supervises === undefined ? {} : { supervises }),
      },
      clock(),
    );
    const { code } = await issueCode(opened.store, user, clock());
    const signer = signerFor(label, name, role, office);
    const { publicKey } = await signer.identity();
    const response = await request('POST', PATHS.enroll, {
      json: { code, publicKey, deviceName: `${label} laptop` },
    });
    if (response.status !== 201) {
      throw new Error(
        `enrolling ${label} failed: ${response.status} ${JSON.stringify(response.json)}`,
      );
    }
    const enrolled = response.json as unknown as EnrollResponse;
    return {
      label,
      user,
      signer,
      publicKey,
      token: enrolled.deviceToken,
      deviceId: enrolled.deviceId,
    };
  }

  return {
    url,
    app,
    store: opened.store,
    reopen: opened.reopen,
    advance: (ms) => {
      time.time += ms;
    },
    now: clock,
    request,
    enroll,
    sibling: (other) =>
      startTestHub(factory, other, { store: opened.store, reopen: opened.reopen, clock: time }),
    async close() {
      await app.close();
      if (shared) return;
      await opened.store.close();
      opened.cleanup();
    },
  };
}
