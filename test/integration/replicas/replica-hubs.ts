// Two hub PROCESSES (the built hub, `node dist/hub/main.js`, as deployed) on one PostgreSQL
// database of a throwaway cluster, started at the same moment on an empty database (so they also
// race to migrate it), each with its notification sender polling every second towards a local
// webhook receiver. The test keeps its own store connection to the same database to enroll people
// and to check what the hub holds, and reads each instance's GET /metrics.
import http from 'node:http';
import type { Signer, SignerRole } from '../../../core/reports/index';
import type { EnrollResponse } from '../../../core/sync/wire-protocol';
import { PATHS } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import { PROBE_PATHS } from '../../../hub/health/probe-routes';
import { METRICS_PATH } from '../../../hub/metrics/metrics-routes';
import type { HubStore, UserRecord } from '../../../hub/store/hub-store';
import { openPostgresStore } from '../../../hub/store/open-store';
import type { ServingHub } from '../build/built-hub';
import { serveBuiltHub } from '../build/built-hub';
import type { PostgresCluster } from '../hub/postgres-cluster';
import type { Sample } from '../hub/prometheus-text';
import { parseSamples } from '../hub/prometheus-text';
import { signerFor } from '../hub/report-fixtures';

export interface Enrolled {
  user: UserRecord;
  signer: Signer;
  token: string;
  deviceId: string;
}

export interface ReplicaHubs {
  /** Each instance's own URL (no proxy). */
  urls: string[];
  databaseUrl: string;
  store: HubStore;
  scrape(instance: number): Promise<Sample[]>;
  /** A user created in the store, their device enrolled through POST /v1/enroll on `instance`. */
  enroll(
    instance: number,
    label: string,
    input: { name: string; role: SignerRole; office?: string; supervises?: string[] },
  ): Promise<Enrolled>;
  output(instance: number): string;
  stop(): Promise<void>;
}

const INSTANCE_ENV = {
  HUB_NOTIFY: '1',
  HUB_NOTIFY_INTERVAL_SECONDS: '1',
  HUB_NOTIFY_ALLOW_PRIVATE_TARGETS: '1',
  // The simulated devices retry every few milliseconds; the default 600 a minute would turn the
  // drain into a wait for Retry-After (budgets are per instance: docs/hub.md).
  HUB_RATE_LIMIT_PER_MINUTE: '1000000',
  HUB_LOG: '0',
};

/** POST JSON from a chosen loopback source address (each enrolling device its own address). */
export function postJsonFrom(
  url: string,
  body: unknown,
  localAddress: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const bytes = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': bytes.length },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(bytes);
  });
}

export async function startReplicaHubs(
  cluster: PostgresCluster,
  entry: string,
  instances = 2,
): Promise<ReplicaHubs> {
  const databaseUrl = await cluster.createDatabase();
  const env = { ...INSTANCE_ENV, HUB_DATABASE_URL: databaseUrl };
  const settled = await Promise.allSettled(
    Array.from({ length: instances }, () => serveBuiltHub(entry, env)),
  );
  const serving = settled.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(serving.map((hub) => hub.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const hubs: ServingHub[] = serving;
  for (const hub of hubs) {
    const ready = await fetch(`${hub.url}${PROBE_PATHS.ready}`);
    if (ready.status !== 200) throw new Error(`an instance is not ready: ${await ready.text()}`);
  }
  const store = await openPostgresStore(databaseUrl);
  const now = () => new Date();
  let addresses = 0;

  return {
    urls: hubs.map((hub) => hub.url),
    databaseUrl,
    store,
    async scrape(instance) {
      const response = await fetch(`${hubs[instance]?.url}${METRICS_PATH}`);
      if (response.status !== 200) throw new Error(`metrics: ${response.status}`);
      return parseSamples(await response.text());
    },
    async enroll(instance, label, input) {
      const user = await createUser(store, input, now());
      const { code } = await issueCode(store, user, now());
      const signer = signerFor(label, input.name, input.role, input.office);
      addresses += 1;
      const answer = await postJsonFrom(
        `${hubs[instance]?.url}${PATHS.enroll}`,
        { code, publicKey: (await signer.identity()).publicKey, deviceName: `${label} laptop` },
        `127.0.${Math.floor(addresses / 250) + 1}.${(addresses % 250) + 2}`,
      );
      if (answer.status !== 201) {
        throw new Error(`enrolling ${label}: ${answer.status} ${JSON.stringify(answer.json)}`);
      }
      const enrolled = answer.json as unknown as EnrollResponse;
      return { user, signer, token: enrolled.deviceToken, deviceId: enrolled.deviceId };
    },
    output: (instance) => hubs[instance]?.output() ?? '',
    async stop() {
      await store.close();
      const codes = await Promise.all(hubs.map((hub) => hub.stop()));
      const bad = codes.findIndex((code) => code !== 0);
      if (bad !== -1) {
        throw new Error(`instance ${bad} exited with ${codes[bad]}:\n${hubs[bad]?.output()}`);
      }
    },
  };
}
