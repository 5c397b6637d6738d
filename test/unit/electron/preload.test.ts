// The preload on a faked 'electron' module: it exposes window.app with exactly the contract's
// methods, each invoking its `app:<method>` channel, and never ipcRenderer itself.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_METHODS } from '../../../electron/common/ipc-contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, request?: unknown) => ({ channel, request })),
  },
}));
// The real 'electron' package would try to download its binary on import; the preload needs only these two.
vi.mock('electron', () => electron);

let exposed: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../electron/preload/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('app');
  exposed = api as Record<string, unknown>;
});

describe('preload bridge', () => {
  it('exposes exactly the methods of the contract, as functions', () => {
    expect(Object.keys(exposed).sort()).toEqual([...IPC_METHODS].sort());
    for (const method of IPC_METHODS) expect(typeof exposed[method]).toBe('function');
  });

  it('does not expose ipcRenderer or anything holding it', () => {
    for (const value of Object.values(exposed)) {
      expect(value).not.toBe(electron.ipcRenderer);
      expect(value).not.toBe(electron.ipcRenderer.invoke);
    }
  });

  it.each([
    ['getInfo', undefined],
    ['openExternal', { url: 'https://github.com/' }],
    [
      'saveFile',
      { suggestedName: 'a.pdf', mimeType: 'application/pdf', data: new Uint8Array([1]) },
    ],
    ['openFile', { title: 'Open', extensions: ['yaml'] }],
    ['getSigningKey', undefined],
    ['signWithDeviceKey', { message: new Uint8Array([1, 2, 3]) }],
  ])('%s invokes app:%s with the request', async (method, request) => {
    const call = exposed[method] as (request?: unknown) => Promise<unknown>;
    await expect(call(request)).resolves.toEqual({ channel: `app:${method}`, request });
  });
});
