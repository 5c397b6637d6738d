// Enrolling with a hub the desktop app's CSP does not allow yet (renderer/bridge/hub-access.ts):
// main is asked first; when it allows the hub the enrollment is kept and the page reloads, and
// the kept enrollment comes back once, and only while fresh; a refusal stops before any request.
import { describe, expect, it, vi } from 'vitest';
import type { SetHubOriginResult } from '../../../electron/common/ipc-contract';
import {
  PENDING_ENROLLMENT_MAX_AGE_MS,
  forgetHubAccess,
  prepareHubAccess,
  takePendingEnrollment,
} from '../../../renderer/bridge/hub-access';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

function setUp(result: SetHubOriginResult) {
  const storage = memoryStorage();
  const reload = vi.fn();
  const setHubOrigin = vi.fn(async () => result);
  let now = 1_000_000;
  const deps = { bridge: { setHubOrigin }, storage, reload, now: () => now };
  return { deps, storage, reload, setHubOrigin, later: (ms: number) => (now += ms) };
}

const enrollment = { hubUrl: ' https://hub.example.org ', code: 'K7Q2-9XPL' };

describe('prepareHubAccess', () => {
  it('goes on at once when the hub is already allowed (and in web mode)', async () => {
    const { deps, reload, setHubOrigin } = setUp({
      origin: 'https://hub.example.org',
      isAllowed: true,
      isReloadRequired: false,
    });
    await expect(prepareHubAccess(deps, enrollment)).resolves.toBe('ready');
    expect(setHubOrigin).toHaveBeenCalledWith({
      hubUrl: 'https://hub.example.org',
      language: 'en',
    });
    expect(reload).not.toHaveBeenCalled();
  });

  it('keeps the enrollment and reloads when a new hub is allowed, then resumes it once', async () => {
    const { deps, reload } = setUp({
      origin: 'https://hub.example.org',
      isAllowed: true,
      isReloadRequired: true,
    });
    await expect(prepareHubAccess(deps, enrollment)).resolves.toBe('reloading');
    expect(reload).toHaveBeenCalledOnce();
    expect(takePendingEnrollment(deps)).toEqual(enrollment);
    expect(takePendingEnrollment(deps)).toBeNull();
  });

  it('stops when the user did not allow the hub, keeping nothing', async () => {
    const { deps, reload, storage } = setUp({
      origin: null,
      isAllowed: false,
      isReloadRequired: false,
    });
    await expect(prepareHubAccess(deps, enrollment)).resolves.toBe('refused');
    expect(reload).not.toHaveBeenCalled();
    expect(storage.items.size).toBe(0);
  });

  it('leaves an address that cannot be a hub to the enrollment to explain', async () => {
    const { deps, setHubOrigin } = setUp({
      origin: null,
      isAllowed: true,
      isReloadRequired: false,
    });
    await expect(
      prepareHubAccess(deps, { hubUrl: 'http://hub.example.org', code: 'x' }),
    ).resolves.toBe('ready');
    expect(setHubOrigin).not.toHaveBeenCalled();
  });
});

describe('takePendingEnrollment', () => {
  it('drops an enrollment older than its time limit', async () => {
    const { deps, later } = setUp({
      origin: 'https://hub.example.org',
      isAllowed: true,
      isReloadRequired: true,
    });
    await prepareHubAccess(deps, enrollment);
    later(PENDING_ENROLLMENT_MAX_AGE_MS + 1);
    expect(takePendingEnrollment(deps)).toBeNull();
  });

  it('drops what it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem('golive.pendingEnrollment', '{"hubUrl":1}');
    expect(takePendingEnrollment({ storage })).toBeNull();
    expect(storage.items.size).toBe(0);
  });
});

describe('forgetHubAccess', () => {
  it('tells main that no hub is allowed any more', async () => {
    const { deps, setHubOrigin } = setUp({
      origin: null,
      isAllowed: true,
      isReloadRequired: false,
    });
    await forgetHubAccess(deps);
    expect(setHubOrigin).toHaveBeenCalledWith({ hubUrl: null });
  });
});
