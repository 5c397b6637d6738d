// The hub this device may connect to, for the CSP's connect-src (electron/common/
// content-security-policy.ts): kept in <userData>/hub-origin.json, read once at start before the
// first page loads, and changed through setHubOrigin when the user enrolls with a hub or
// disconnects. A new hub needs the user's yes in a native dialog: otherwise a script injected into
// the page could name its own server as "the hub", reload, and send data there. Dropping the hub
// (disconnect) narrows the policy and needs no confirmation. A document keeps the CSP it loaded
// with, so the renderer reloads after a new hub is allowed (isReloadRequired).

import path from 'node:path';
import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron';
import { hubOriginOf } from '../common/content-security-policy';
import type {
  DialogLanguage,
  SetHubOriginRequest,
  SetHubOriginResult,
} from '../common/ipc-contract';
import type { SenderInfo } from './ipc';
import { writeFileAtomic, type AtomicWriteFileSystem } from './write-file-atomic';

export const HUB_ORIGIN_FILE = 'hub-origin.json';
/** Bump when the shape of the file changes, and keep reading the old shape. */
const HUB_ORIGIN_FILE_VERSION = 1;

export interface HubOriginFileSystem extends AtomicWriteFileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
}

export interface HubOriginDependencies {
  fs: HubOriginFileSystem;
  /** app.getPath('userData'). */
  userDataDir: string;
  dialog: Pick<Dialog, 'showMessageBox'>;
  getWindow: (sender: SenderInfo) => BaseWindow | null;
  log?: (message: string) => void;
}

export interface HubOriginStore {
  /** Reads the file; call once before the first page loads. A damaged file means no hub. */
  load(): Promise<void>;
  /** The hub origin the CSP allows now, or null. */
  current(): string | null;
  /** The setHubOrigin handler. */
  set(request: unknown, sender: SenderInfo): Promise<SetHubOriginResult>;
}

const TEXT: Record<
  DialogLanguage,
  {
    title: string;
    question: string;
    detail: string;
    before: string;
    none: string;
    allow: string;
    cancel: string;
  }
> = {
  en: {
    title: 'Connect to a hub',
    question: 'Allow this app to connect to the hub {origin}?',
    detail:
      'The app sends signed reports, progress and its device token to this hub only. Allow it only if this is the hub address your organisation gave you.',
    before: 'Hub allowed until now: {origin}',
    none: 'none',
    allow: 'Allow',
    cancel: 'Cancel',
  },
  es: {
    title: 'Conectar con un hub',
    question: '¿Permitir que la aplicación se conecte al hub {origin}?',
    detail:
      'La aplicación envía los informes firmados, el progreso y su token de dispositivo solo a este hub. Permítalo solo si es la dirección del hub que le dio su organización.',
    before: 'Hub permitido hasta ahora: {origin}',
    none: 'ninguno',
    allow: 'Permitir',
    cancel: 'Cancelar',
  },
};

const ALLOW_BUTTON = 0;
const CANCEL_BUTTON = 1;

export function hubConfirmationOptions(
  origin: string,
  previous: string | null,
  language: DialogLanguage = 'en',
): MessageBoxOptions {
  const text = TEXT[language];
  return {
    type: 'question',
    title: text.title,
    message: text.question.replace('{origin}', origin),
    detail: `${text.detail}\n\n${text.before.replace('{origin}', previous ?? text.none)}`,
    buttons: [text.allow, text.cancel],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

function assertRequest(request: unknown): asserts request is SetHubOriginRequest {
  const candidate = request as Partial<Record<keyof SetHubOriginRequest, unknown>> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    (candidate.hubUrl !== null && typeof candidate.hubUrl !== 'string') ||
    (candidate.language !== undefined && candidate.language !== 'en' && candidate.language !== 'es')
  ) {
    throw new Error('setHubOrigin needs { hubUrl: string | null, language?: "en" | "es" }.');
  }
}

export function createHubOriginStore(deps: HubOriginDependencies): HubOriginStore {
  const file = path.join(deps.userDataDir, HUB_ORIGIN_FILE);
  const log = deps.log ?? ((message: string) => console.warn(`[hub-origin] ${message}`));
  let origin: string | null = null;
  let isConfirming = false;

  async function save(next: string | null): Promise<void> {
    const json = `${JSON.stringify({ version: HUB_ORIGIN_FILE_VERSION, hubOrigin: next })}\n`;
    await writeFileAtomic(deps.fs, file, new TextEncoder().encode(json));
    origin = next;
  }

  async function confirm(next: string, language: DialogLanguage, sender: SenderInfo) {
    const options = hubConfirmationOptions(next, origin, language);
    const window = deps.getWindow(sender);
    const { response } = window
      ? await deps.dialog.showMessageBox(window, options)
      : await deps.dialog.showMessageBox(options);
    return response === ALLOW_BUTTON;
  }

  return {
    async load() {
      let text: string;
      try {
        text = new TextDecoder().decode(await deps.fs.readFile(file));
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== 'ENOENT') {
          log(`could not read ${file}: ${String(error)}; no hub is allowed until one is set`);
        }
        return;
      }
      try {
        const value = JSON.parse(text) as { version?: unknown; hubOrigin?: unknown };
        const stored = value.hubOrigin;
        if (
          value.version === HUB_ORIGIN_FILE_VERSION &&
          (stored === null || (typeof stored === 'string' && hubOriginOf(stored) === stored))
        ) {
          origin = stored;
          return;
        }
      } catch {
        // Reported below, like any other damage.
      }
      log(`ignored ${file}: not a hub origin this app wrote; no hub is allowed until one is set`);
    },

    current: () => origin,

    async set(request, sender) {
      assertRequest(request);
      if (request.hubUrl === null) {
        if (origin !== null) {
          await save(null);
          log('no hub is allowed any more (disconnected)');
        }
        return { origin: null, isAllowed: true, isReloadRequired: false };
      }
      const next = hubOriginOf(request.hubUrl);
      if (next === null) {
        throw new Error(
          'setHubOrigin: not a hub address (https://host, or plain http on 127.0.0.1 or localhost).',
        );
      }
      if (next === origin) return { origin, isAllowed: true, isReloadRequired: false };
      if (isConfirming) {
        throw new Error('setHubOrigin: another hub is waiting for your confirmation.');
      }
      isConfirming = true;
      let isConfirmed: boolean;
      try {
        isConfirmed = await confirm(next, request.language ?? 'en', sender);
      } finally {
        isConfirming = false;
      }
      if (!isConfirmed) {
        log(`the user did not allow the hub ${next}`);
        return { origin, isAllowed: false, isReloadRequired: false };
      }
      await save(next);
      log(`the hub ${next} is allowed (connect-src); the page reloads to apply it`);
      return { origin: next, isAllowed: true, isReloadRequired: true };
    },
  };
}
