// Shared runs on a real hub, part 4: evidence files travel between laptops. A member attaches a
// photo and pushes the event; they upload its bytes, the owner lists and downloads them byte for
// byte. The same file again is stored once; bytes that are not the path's SHA-256 are refused; a
// file no accepted event names is refused (the hub is no free storage) and cannot be downloaded;
// removed members, supervisors, other offices and anonymous callers are refused before a byte of
// a body is read, and so are a body of the wrong type or over the limit.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../../core/runs';
import type { RunEvidenceListResponse } from '../../../../core/sync/wire-protocol';
import { EVIDENCE_CONTENT_TYPE, PATHS, pathOf } from '../../../../core/sync/wire-protocol';
import type { StoreFactory, TestHub } from '../hub-harness';
import { startTestHub } from '../hub-harness';
import { claimLength } from '../streaming-attack';
import type { Enrolled } from './run-fixtures';
import { BERLIN, Device, enrollUser, MADRID, shareRequest } from './run-fixtures';

const RUN = 'run-evidence';

/** A small file and the reference an attach event carries. */
function evidenceFile(text: string, id: string): { bytes: Uint8Array; ref: AttachmentRef } {
  const bytes = new TextEncoder().encode(text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    bytes,
    ref: { id, name: `${id}.txt`, mimeType: 'text/plain', size: bytes.length, sha256 },
  };
}

const fileListPath = (runId = RUN) => pathOf(PATHS.runEvidenceList, { runId });
const filePath = (sha256: string, runId = RUN) =>
  pathOf(PATHS.runEvidence, { runId, hash: sha256 });

interface Cast {
  owner: Enrolled;
  network: Enrolled;
  removed: Enrolled;
  supervisor: Enrolled;
  madridAdmin: Enrolled;
}

export function evidenceCases(factory: () => StoreFactory): void {
  describe('shared runs: evidence files', () => {
    let hub: TestHub;
    let cast: Cast;
    let network: Device;
    /** Named by a pushed attach event of the network engineer, not uploaded yet. */
    const photo = evidenceFile('rack label photo: core switch 1 and 2', 'photo');

    beforeAll(async () => {
      hub = await startTestHub(factory());
      cast = {
        owner: await enrollUser(hub, 'owner', { name: 'Ana Admin', role: 'admin', office: BERLIN }),
        network: await enrollUser(hub, 'network', {
          name: 'Nina Network',
          role: 'engineer',
          office: BERLIN,
          departments: ['network'],
        }),
        removed: await enrollUser(hub, 'removed', {
          name: 'Rita Removed',
          role: 'engineer',
          office: BERLIN,
          departments: ['backup'],
        }),
        supervisor: await enrollUser(hub, 'supervisor', {
          name: 'Sam Supervisor',
          role: 'supervisor',
          supervises: [BERLIN],
        }),
        madridAdmin: await enrollUser(hub, 'madrid', {
          name: 'Bea Admin',
          role: 'admin',
          office: MADRID,
        }),
      };
      const shared = await hub.request('POST', PATHS.runs, {
        token: cast.owner.token,
        json: shareRequest(RUN, BERLIN, [
          { userId: cast.network.user.userId },
          { userId: cast.removed.user.userId },
        ]),
      });
      expect(shared.status).toBe(201);
      // The removed member attached a file before the owner removed them.
      const removedDevice = new Device(hub, cast.removed, RUN);
      removedDevice.record({ type: 'attach', itemId: 'wifi-survey', attachment: photo.ref });
      await removedDevice.push();
      const removal = await hub.request('POST', pathOf(PATHS.runMembers, { runId: RUN }), {
        token: cast.owner.token,
        json: { remove: [cast.removed.user.userId] },
      });
      expect(removal.status).toBe(200);
      network = new Device(hub, cast.network, RUN);
      await network.pull();
    });
    afterAll(() => hub.close());

    const upload = (token: string | undefined, sha256: string, bytes: Uint8Array) =>
      hub.request('POST', filePath(sha256), {
        ...(token ? { token } : {}),
        bytes,
        contentType: EVIDENCE_CONTENT_TYPE,
      });
    const download = (token: string | undefined, sha256: string) =>
      hub.request('GET', filePath(sha256), token ? { token } : {});
    const list = async (token: string) => {
      const response = await hub.request('GET', fileListPath(), { token });
      expect(response.status).toBe(200);
      return response.json as unknown as RunEvidenceListResponse;
    };

    it('relays a file from the laptop that attached it to the owner, byte for byte', async () => {
      const speedTest = evidenceFile('speed test: 940 Mbit/s down, 920 up', 'speed');
      // Before the event that attaches it: refused, nothing stored.
      const early = await upload(cast.network.token, speedTest.ref.sha256, speedTest.bytes);
      expect(early.status).toBe(409);
      expect(early.json.message).toContain('push the event that attaches it first');

      hub.advance(60_000);
      network.record({ type: 'attach', itemId: 'speed-test', attachment: speedTest.ref });
      await network.push();
      expect((await list(cast.owner.token)).evidence).toEqual([
        { sha256: photo.ref.sha256, size: photo.ref.size, held: false },
        { sha256: speedTest.ref.sha256, size: speedTest.ref.size, held: false },
      ]);
      const notYet = await download(cast.owner.token, speedTest.ref.sha256);
      expect(notYet.status).toBe(404);
      expect(notYet.json.message).toContain('not uploaded yet');

      const stored = await upload(cast.network.token, speedTest.ref.sha256, speedTest.bytes);
      expect(stored.status).toBe(201);
      expect(stored.json).toEqual({
        runId: RUN,
        sha256: speedTest.ref.sha256,
        size: speedTest.bytes.length,
      });
      expect((await list(cast.owner.token)).evidence[1]).toEqual({
        sha256: speedTest.ref.sha256,
        size: speedTest.ref.size,
        held: true,
      });
      const fetched = await download(cast.owner.token, speedTest.ref.sha256);
      expect(fetched.status).toBe(200);
      expect(fetched.headers.get('content-type')).toBe(EVIDENCE_CONTENT_TYPE);
      expect(fetched.bytes).toEqual(speedTest.bytes);
      // The member who uploaded it may download it too.
      expect((await download(cast.network.token, speedTest.ref.sha256)).bytes).toEqual(
        speedTest.bytes,
      );
    });

    it('stores the same file once, however often and however concurrently it comes', async () => {
      const config = evidenceFile('interface Gi1/0/1\n description uplink', 'config');
      network.record({ type: 'attach', itemId: 'isp-lines', attachment: config.ref });
      await network.push();
      const [a, b] = await Promise.all([
        upload(cast.network.token, config.ref.sha256, config.bytes),
        upload(cast.owner.token, config.ref.sha256, config.bytes),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      const before = await hub.store.counts();
      const again = await upload(cast.network.token, config.ref.sha256, config.bytes);
      expect(again.status).toBe(200);
      expect(await hub.store.counts()).toEqual(before);
      const held = (await list(cast.owner.token)).evidence.filter(
        (entry) => entry.sha256 === config.ref.sha256,
      );
      expect(held).toEqual([{ sha256: config.ref.sha256, size: config.ref.size, held: true }]);
    });

    it('refuses bytes that are not the SHA-256 the path names, and stores nothing', async () => {
      const tampered = new Uint8Array(photo.bytes);
      tampered[0] = (tampered[0] ?? 0) ^ 1;
      const refused = await upload(cast.network.token, photo.ref.sha256, tampered);
      expect(refused.status).toBe(400);
      expect(refused.json.message).toBe(
        `The bytes received hash to SHA-256 ${createHash('sha256').update(tampered).digest('hex')}, not ${photo.ref.sha256} as the path says: the file changed or was cut on the way. Nothing was stored.`,
      );
      const cut = await upload(cast.network.token, photo.ref.sha256, photo.bytes.slice(0, 5));
      expect(cut.status).toBe(400);
      expect((await download(cast.owner.token, photo.ref.sha256)).status).toBe(404);
      // The right bytes are still taken afterwards (the photo the removed member attached).
      expect((await upload(cast.network.token, photo.ref.sha256, photo.bytes)).status).toBe(201);
      expect((await download(cast.owner.token, photo.ref.sha256)).bytes).toEqual(photo.bytes);
    });

    it('is no free storage: a file no accepted event names is neither taken nor served', async () => {
      const stray = evidenceFile('a film nobody attached', 'stray');
      const before = await hub.store.counts();
      const refused = await upload(cast.owner.token, stray.ref.sha256, stray.bytes);
      expect(refused.status).toBe(409);
      expect(await hub.store.counts()).toEqual(before);
      const missing = await download(cast.owner.token, stray.ref.sha256);
      expect(missing.status).toBe(404);
      expect(missing.json.message).toContain('No event of the run names');
      // A file attached to another run is not this run's file.
      expect((await download(cast.owner.token, photo.ref.sha256)).status).toBe(200);
      const otherRun = await hub.request('GET', filePath(photo.ref.sha256, 'run-nowhere'), {
        token: cast.owner.token,
      });
      expect(otherRun.status).toBe(404);
    });

    it('lets only the owner and current members list, upload and download', async () => {
      const sha = photo.ref.sha256;
      const statuses = async (token: string | undefined) => [
        (await hub.request('GET', fileListPath(), token ? { token } : {})).status,
        (await upload(token, sha, photo.bytes)).status,
        (await download(token, sha)).status,
      ];
      expect(await statuses(cast.owner.token)).toEqual([200, 200, 200]);
      expect(await statuses(cast.network.token)).toEqual([200, 200, 200]);
      expect(await statuses(cast.removed.token)).toEqual([403, 403, 403]);
      // Supervisors may not send a body here at all (body policy), nor list or download.
      expect(await statuses(cast.supervisor.token)).toEqual([403, 403, 403]);
      expect(await statuses(cast.madridAdmin.token)).toEqual([404, 404, 404]);
      expect(await statuses(undefined)).toEqual([401, 401, 401]);
      const removed = await download(cast.removed.token, sha);
      expect(removed.json.message).toContain('You were removed from the run');
      const stranger = await download(cast.madridAdmin.token, sha);
      expect(stranger.json.message).toBe(`The hub has no shared run ${RUN} that you may see.`);
      for (const bad of ['abc', sha.toUpperCase(), `${sha}0`]) {
        expect((await download(cast.owner.token, bad)).status).toBe(400);
      }
    });

    it('refuses a body of another type or over the limit before reading it', async () => {
      const sha = photo.ref.sha256;
      const asJson = await hub.request('POST', filePath(sha), {
        token: cast.network.token,
        json: { bytes: 'x' },
      });
      expect(asJson.status).toBe(415);
      const claim = (token: string) =>
        claimLength({
          url: hub.url,
          path: filePath(sha),
          token,
          contentType: EVIDENCE_CONTENT_TYPE,
          claimedLength: 300 * 1024 * 1024,
        });
      // 300 MB declared: refused on the declared length alone, like every route with a body;
      // a role that may not send one here hears so first.
      expect(await claim(cast.network.token)).toBe(413);
      expect(await claim(cast.owner.token)).toBe(413);
      expect(await claim(cast.madridAdmin.token)).toBe(413);
      expect(await claim(cast.supervisor.token)).toBe(403);
      // Just over 25 MiB, sent in full: refused too, nothing stored.
      const before = await hub.store.counts();
      const tooBig = await upload(cast.network.token, sha, new Uint8Array(25 * 1024 * 1024 + 1));
      expect(tooBig.status).toBe(413);
      expect(await hub.store.counts()).toEqual(before);
    });
  });
}
