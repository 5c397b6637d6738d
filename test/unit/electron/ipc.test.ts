// registerIpcHandlers and sender validation: one channel per contract method, calls only from the
// main frame of a page on app://bundle, refusals that name the channel and the reason.
import { describe, expect, it, vi } from 'vitest';
import { IPC_METHODS, channelOf } from '../../../electron/common/ipc-contract';
import { isTrustedSender, registerIpcHandlers, senderRejection } from '../../../electron/main/ipc';
import type { InvokeEvent, IpcHandlers, IpcMainLike } from '../../../electron/main/ipc';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** Like Electron's ipcMain: one handler per channel, a second registration throws. */
class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, event: InvokeEvent, request?: unknown): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, request);
  }
}

const mainFrame = (url: string) => ({ url, parent: null });
const subFrame = (url: string) => ({ url, parent: mainFrame('app://bundle/index.html') });
const eventFrom = (senderFrame: InvokeEvent['senderFrame']): InvokeEvent => ({
  senderFrame,
  sender: { id: 7 },
});

function setUp() {
  const handlers: IpcHandlers = {
    getInfo: vi.fn(async () => ({
      name: 'Go-live Checklists',
      version: '0.1.0',
      runtime: 'desktop' as const,
      platform: 'linux',
    })),
    openExternal: vi.fn(async () => ({ opened: true })),
    saveFile: vi.fn(async () => ({ saved: false })),
    openFile: vi.fn(async () => null),
    getSigningKey: vi.fn(async () => ({
      publicKey: 'A'.repeat(43),
      createdAt: '2025-06-01T08:00:00.000Z',
      protection: 'os-keyring' as const,
    })),
    signWithDeviceKey: vi.fn(async () => ({ signature: new Uint8Array(64) })),
    signWaiverDecision: vi.fn(async () => ({ signature: new Uint8Array(64) })),
    mirrorSignedReport: vi.fn(async () => ({ mirrored: true })),
    listMirroredReports: vi.fn(async () => []),
    readMirroredAttachment: vi.fn(async () => null),
    setHubOrigin: vi.fn(async () => ({ origin: null, isAllowed: true, isReloadRequired: false })),
  };
  const ipcMain = new FakeIpcMain();
  const log = vi.fn<(message: string) => void>();
  registerIpcHandlers(ipcMain, handlers, { log });
  return { handlers, ipcMain, log };
}

describe('isTrustedSender', () => {
  it.each([
    ['app://bundle/index.html', true, true],
    ['app://bundle/index.html#/runs/42', true, true],
    ['app://bundle/', true, true],
    ['app://bundle/index.html', false, false],
    ['https://evil.example/', true, false],
    ['https://bundle/index.html', true, false],
    ['app://bundle.evil.example/index.html', true, false],
    ['app://evil/index.html', true, false],
    ['app://user:pw@bundle/index.html', true, false],
    ['file:///C:/app/dist/renderer/index.html', true, false],
    ['file:///index.html', true, false],
    ['about:blank', true, false],
    ['about:srcdoc', true, false],
    ['data:text/html,hi', true, false],
    ['devtools://devtools/bundled/inspector.html', true, false],
    ['http://127.0.0.1:5173/', true, false],
    ['not a url', true, false],
    ['app//bundle/index.html', true, false],
    ['', true, false],
    [null, true, false],
    [undefined, true, false],
  ])('%s (main frame: %s) -> %s', (url, isMainFrame, expected) => {
    expect(isTrustedSender(url, isMainFrame)).toBe(expected);
  });

  it('says why', () => {
    expect(senderRejection('app://bundle/index.html', false)).toBe('the sender is a sub-frame');
    expect(senderRejection(null, true)).toBe('the sending frame is gone');
    expect(senderRejection('https://evil.example/', true)).toContain('not on the app origin');
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one channel per contract method', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.listeners.keys()].sort()).toEqual(
      IPC_METHODS.map((method) => `app:${method}`).sort(),
    );
  });

  it('registers the signing key channels', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.listeners.keys()]).toEqual(
      expect.arrayContaining(['app:getSigningKey', 'app:signWithDeviceKey']),
    );
  });

  it('passes a message to sign to its handler, from the app only', async () => {
    const { ipcMain, handlers, log } = setUp();
    const message = new Uint8Array([1, 2, 3]);
    const event = eventFrom(mainFrame('app://bundle/index.html'));
    await expect(
      ipcMain.invoke(channelOf('signWithDeviceKey'), event, { message, reportBody: '{}' }),
    ).resolves.toEqual({ signature: new Uint8Array(64) });
    expect(handlers.signWithDeviceKey).toHaveBeenCalledExactlyOnceWith(
      { message, reportBody: '{}' },
      { url: 'app://bundle/index.html', webContentsId: 7 },
    );
    await expect(
      ipcMain.invoke(
        channelOf('signWithDeviceKey'),
        eventFrom(mainFrame('https://evil.example/')),
        {
          message,
        },
      ),
    ).rejects.toThrow(/^IPC app:signWithDeviceKey refused: /);
    expect(handlers.signWithDeviceKey).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledOnce();
  });

  it('passes the request and the sender to the handler of the method', async () => {
    const { ipcMain, handlers } = setUp();
    const event = eventFrom(mainFrame('app://bundle/index.html#/runs'));
    await expect(ipcMain.invoke(channelOf('getInfo'), event)).resolves.toMatchObject({
      runtime: 'desktop',
    });
    await ipcMain.invoke(channelOf('openExternal'), event, { url: 'https://github.com/' });
    expect(handlers.openExternal).toHaveBeenCalledExactlyOnceWith(
      { url: 'https://github.com/' },
      { url: 'app://bundle/index.html#/runs', webContentsId: 7 },
    );
    expect(handlers.saveFile).not.toHaveBeenCalled();
  });

  it.each([
    ['a sub-frame of the app', subFrame('app://bundle/index.html')],
    ['a foreign origin', mainFrame('https://evil.example/')],
    ['a file: page', mainFrame('file:///tmp/index.html')],
    ['about:blank', mainFrame('about:blank')],
    ['a malformed URL', mainFrame('::not a url::')],
    ['a frame that is gone', null],
  ])(
    'refuses a call from %s on every channel, naming the channel, and logs it',
    async (_label, frame) => {
      const { ipcMain, handlers, log } = setUp();
      for (const method of IPC_METHODS) {
        const channel = channelOf(method);
        await expect(ipcMain.invoke(channel, eventFrom(frame), {})).rejects.toThrow(
          new RegExp(`^IPC ${channel} refused: .+`),
        );
        expect(log).toHaveBeenLastCalledWith(expect.stringContaining(channel));
        expect(handlers[method]).not.toHaveBeenCalled();
      }
    },
  );

  it('lets a handler error reach the caller', async () => {
    const { ipcMain, handlers } = setUp();
    vi.mocked(handlers.openFile).mockRejectedValueOnce(new Error('too large'));
    await expect(
      ipcMain.invoke(channelOf('openFile'), eventFrom(mainFrame('app://bundle/index.html')), {
        title: 'x',
        extensions: [],
      }),
    ).rejects.toThrow('too large');
  });
});
