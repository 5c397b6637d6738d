// The preload on a faked 'electron' module: it exposes window.app with exactly the contract's
// methods, each invoking its `app:<method>` channel, plus onMenuCommand, which passes the page known
// commands only (never the IPC event) and unsubscribes; never ipcRenderer itself.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_EVENT_METHODS,
  IPC_METHODS,
  MENU_COMMAND_CHANNEL,
  type AppBridge,
  type MenuCommand,
} from '../../../electron/common/ipc-contract';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<RendererListener>>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, request?: unknown) => ({ channel, request })),
      on: vi.fn((channel: string, listener: RendererListener) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      }),
      removeListener: vi.fn((channel: string, listener: RendererListener) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});
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
  it('exposes exactly the methods and events of the contract, as functions', () => {
    expect(Object.keys(exposed).sort()).toEqual([...IPC_METHODS, ...BRIDGE_EVENT_METHODS].sort());
    for (const method of [...IPC_METHODS, ...BRIDGE_EVENT_METHODS]) {
      expect(typeof exposed[method]).toBe('function');
    }
  });

  it('does not expose ipcRenderer or anything holding it', () => {
    for (const value of Object.values(exposed)) {
      expect(value).not.toBe(electron.ipcRenderer);
      expect(value).not.toBe(electron.ipcRenderer.invoke);
      expect(value).not.toBe(electron.ipcRenderer.on);
    }
  });

  it('passes menu commands to the page, only known ones, without the IPC event, until unsubscribed', () => {
    const onMenuCommand = exposed.onMenuCommand as AppBridge['onMenuCommand'];
    const received: unknown[][] = [];
    const unsubscribe = onMenuCommand((...args: unknown[]) => void received.push(args));
    const emit = (...args: unknown[]) => {
      const event = { sender: electron.ipcRenderer, senderId: 0 };
      for (const listener of electron.listeners.get(MENU_COMMAND_CHANNEL) ?? []) {
        listener(event, ...args);
      }
    };
    emit('new-run' satisfies MenuCommand);
    emit('export-pdf' satisfies MenuCommand);
    emit('rm -rf');
    emit({ command: 'new-run' });
    expect(received).toEqual([['new-run'], ['export-pdf']]);
    unsubscribe();
    emit('backup');
    expect(received).toHaveLength(2);
    expect(electron.listeners.get(MENU_COMMAND_CHANNEL)?.size).toBe(0);
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
    ['signWithDeviceKey', { message: new Uint8Array([1, 2, 3]), reportBody: '{}' }],
    ['signWaiverDecision', { message: new Uint8Array([1, 2, 3]), language: 'es' }],
    ['mirrorSignedReport', { reportId: 'r-1', revision: 1, json: '{}', attachments: [] }],
    ['listMirroredReports', undefined],
    ['readMirroredAttachment', { reportId: 'r-1', revision: 1, sha256: 'a'.repeat(64) }],
    ['setHubOrigin', { hubUrl: 'https://hub.example.org', language: 'es' }],
  ])('%s invokes app:%s with the request', async (method, request) => {
    const call = exposed[method] as (request?: unknown) => Promise<unknown>;
    await expect(call(request)).resolves.toEqual({ channel: `app:${method}`, request });
  });
});
