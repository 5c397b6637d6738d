// The app calls the hub from another origin (app://bundle, or web mode's local server): a
// preflight must succeed without credentials, and answers must carry the CORS headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub } from '../../../hub/server';
import { openSqliteStore } from '../../../hub/store/open-store';
import type { HubStore } from '../../../hub/store/hub-store';
import { PATHS, PROTOCOL_HEADER } from '../../../core/sync/wire-protocol';

describe('hub CORS', () => {
  let hub: FastifyInstance;
  let store: HubStore;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'hub-cors-'));
    store = await openSqliteStore(join(folder, 'hub.sqlite'));
    hub = createHub({ store });
    await hub.ready();
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers a preflight from the app without asking for a token', async () => {
    const response = await hub.inject({
      method: 'OPTIONS',
      url: PATHS.reports,
      headers: {
        origin: 'app://bundle',
        'access-control-request-method': 'POST',
        'access-control-request-headers': `authorization,content-type,${PROTOCOL_HEADER}`,
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('app://bundle');
    expect(String(response.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('marks real answers for the calling origin, and still requires the token', async () => {
    const response = await hub.inject({
      method: 'GET',
      url: PATHS.trustList,
      headers: { origin: 'http://127.0.0.1:5173' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
  });
});
