// The hub the desktop app's CSP allows (electron/main/hub-origin.ts), on a real temporary folder
// and a fake dialog: a new hub needs the user's yes in main and then a reload; the same hub or a
// disconnect needs neither; a refusal changes nothing; the choice survives a restart, and a
// damaged or hand-edited file allows no hub. What the CSP then says is in app-protocol.test.ts.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BaseWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { SetHubOriginRequest } from '../../../electron/common/ipc-contract';
import {
  HUB_ORIGIN_FILE,
  createHubOriginStore,
  type HubOriginDependencies,
} from '../../../electron/main/hub-origin';

const sender = { url: 'app://bundle/index.html#/settings', webContentsId: 2 };
const window = { id: 2 } as unknown as BaseWindow;
const ALLOW = 0;
const CANCEL = 1;

let userDataDir: string;
beforeEach(async () => {
  userDataDir = await fs.mkdtemp(path.join(tmpdir(), 'hub-origin-'));
});
afterEach(async () => {
  await fs.rm(userDataDir, { recursive: true, force: true });
});

function setUp(answer = ALLOW) {
  const dialogs: { parent: BaseWindow | null; options: MessageBoxOptions }[] = [];
  let respond = (): Promise<MessageBoxReturnValue> =>
    Promise.resolve({ response: answer, checkboxChecked: false });
  const log = vi.fn<(message: string) => void>();
  const store = createHubOriginStore({
    fs,
    userDataDir,
    dialog: {
      showMessageBox: (async (...args: [BaseWindow, MessageBoxOptions] | [MessageBoxOptions]) => {
        dialogs.push({
          parent: args.length === 2 ? args[0] : null,
          options: args.at(-1) as MessageBoxOptions,
        });
        return respond();
      }) as HubOriginDependencies['dialog']['showMessageBox'],
    },
    getWindow: () => window,
    log,
  });
  return { store, dialogs, log, answerWith: (next: typeof respond) => (respond = next) };
}

const file = () => path.join(userDataDir, HUB_ORIGIN_FILE);

describe('setHubOrigin', () => {
  it('allows a new hub only after the user says yes, then asks for a reload', async () => {
    const { store, dialogs } = setUp();
    await store.load();
    expect(store.current()).toBeNull();
    await expect(store.set({ hubUrl: 'https://hub.example.org/api/' }, sender)).resolves.toEqual({
      origin: 'https://hub.example.org',
      isAllowed: true,
      isReloadRequired: true,
    });
    expect(store.current()).toBe('https://hub.example.org');
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.parent).toBe(window);
    expect(dialogs[0]?.options).toMatchObject({
      message: 'Allow this app to connect to the hub https://hub.example.org?',
      buttons: ['Allow', 'Cancel'],
      defaultId: CANCEL,
      cancelId: CANCEL,
    });
    expect(dialogs[0]?.options.detail).toContain('Hub allowed until now: none');
  });

  it('changes nothing when the user cancels', async () => {
    const { store, log } = setUp(CANCEL);
    await store.load();
    await expect(store.set({ hubUrl: 'https://evil.example' }, sender)).resolves.toEqual({
      origin: null,
      isAllowed: false,
      isReloadRequired: false,
    });
    expect(store.current()).toBeNull();
    await expect(fs.readFile(file())).rejects.toMatchObject({ code: 'ENOENT' });
    expect(log).toHaveBeenCalledWith('the user did not allow the hub https://evil.example');
  });

  it('does not ask again for the hub already allowed, and keeps it across a restart', async () => {
    const first = setUp();
    await first.store.load();
    await first.store.set({ hubUrl: 'https://hub.example.org' }, sender);
    const restarted = setUp();
    await restarted.store.load();
    expect(restarted.store.current()).toBe('https://hub.example.org');
    await expect(
      restarted.store.set({ hubUrl: 'https://hub.example.org/v1' }, sender),
    ).resolves.toEqual({
      origin: 'https://hub.example.org',
      isAllowed: true,
      isReloadRequired: false,
    });
    expect(restarted.dialogs).toEqual([]);
  });

  it('names the hub allowed before when another one is asked for, in Spanish too', async () => {
    const { store, dialogs } = setUp();
    await store.set({ hubUrl: 'https://hub.example.org' }, sender);
    await store.set({ hubUrl: 'https://other.example.org', language: 'es' }, sender);
    expect(dialogs[1]?.options).toMatchObject({
      message: '¿Permitir que la aplicación se conecte al hub https://other.example.org?',
      buttons: ['Permitir', 'Cancelar'],
    });
    expect(dialogs[1]?.options.detail).toContain(
      'Hub permitido hasta ahora: https://hub.example.org',
    );
  });

  it('drops the hub on disconnect without asking, from the next page load on', async () => {
    const { store, dialogs } = setUp();
    await store.set({ hubUrl: 'https://hub.example.org' }, sender);
    await expect(store.set({ hubUrl: null }, sender)).resolves.toEqual({
      origin: null,
      isAllowed: true,
      isReloadRequired: false,
    });
    expect(dialogs).toHaveLength(1);
    const restarted = setUp();
    await restarted.store.load();
    expect(restarted.store.current()).toBeNull();
  });

  it.each([
    'http://hub.example.org',
    'https://user:pw@hub.example.org',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s without asking', async (hubUrl) => {
    const { store, dialogs } = setUp();
    await expect(store.set({ hubUrl }, sender)).rejects.toThrow(/not a hub address/);
    expect(dialogs).toEqual([]);
  });

  it.each([null, {}, { hubUrl: 42 }, { hubUrl: 'https://hub.example.org', language: 'fr' }])(
    'refuses the malformed request %j',
    async (request) => {
      const { store } = setUp();
      await expect(store.set(request as unknown as SetHubOriginRequest, sender)).rejects.toThrow(
        /setHubOrigin needs/,
      );
    },
  );

  it('refuses a second hub while the first waits for the user', async () => {
    const { store, dialogs, answerWith } = setUp();
    let answer: (value: MessageBoxReturnValue) => void = () => undefined;
    answerWith(() => new Promise((resolve) => (answer = resolve)));
    const first = store.set({ hubUrl: 'https://hub.example.org' }, sender);
    await vi.waitFor(() => expect(dialogs).toHaveLength(1));
    await expect(store.set({ hubUrl: 'https://evil.example' }, sender)).rejects.toThrow(
      /another hub is waiting/,
    );
    answer({ response: ALLOW, checkboxChecked: false });
    await expect(first).resolves.toMatchObject({ origin: 'https://hub.example.org' });
  });
});

describe('load', () => {
  it.each([
    ['not JSON', 'hub'],
    ['another version', JSON.stringify({ version: 9, hubOrigin: 'https://hub.example.org' })],
    ['a wildcard', JSON.stringify({ version: 1, hubOrigin: 'https:' })],
    [
      'an origin with more',
      JSON.stringify({ version: 1, hubOrigin: "https://a.org 'unsafe-eval'" }),
    ],
  ])('allows no hub when the file is %s, and says so', async (_what, contents) => {
    await fs.writeFile(file(), contents);
    const { store, log } = setUp();
    await store.load();
    expect(store.current()).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^ignored .*hub-origin\.json/));
  });
});
