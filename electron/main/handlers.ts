// The desktop implementations of the IPC contract (electron/common/ipc-contract.ts). Everything
// they touch (app, shell, dialog, the file system, the window, the signing key store, the report
// mirror) is passed in, so tests run them on fakes and real temporary folders. Signing goes through
// sign-request.ts (reports) and sign-waiver-decision.ts (waiver decisions): a checked statement and
// the user's confirmation before the key is used. The web-mode twin
// is renderer/bridge/web-bridge.ts: when a behaviour changes here (size limit, refusal reasons),
// change it there too.

import path from 'node:path';
import type { App, BaseWindow, Dialog, Shell } from 'electron';
import type { OpenFileRequest, SaveFileRequest } from '../common/ipc-contract';
import type { IpcHandlers, SenderInfo } from './ipc';
import type { Logger } from './logging';
import { checkExternalUrl } from './security';
import type { HubOriginStore } from './hub-origin';
import type { ReportMirror } from './report-mirror';
import { createSignRequestHandler } from './sign-request';
import { createWaiverDecisionHandler } from './sign-waiver-decision';
import type { SigningKeyStore } from './signing-keys';
import { writeFileAtomic, type AtomicWriteFileSystem } from './write-file-atomic';

/** The largest file openFile reads into memory and sends to the renderer. Same limit in web mode. */
export const MAX_OPEN_FILE_BYTES = 50 * 1024 * 1024;

/** What saveFile and openFile need of node:fs/promises (which satisfies it). */
export interface HandlerFileSystem extends AtomicWriteFileSystem {
  stat(filePath: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export interface HandlerDependencies {
  app: Pick<App, 'getName' | 'getVersion'>;
  /** process.platform in the app. */
  platform: string;
  shell: Pick<Shell, 'openExternal'>;
  /** showMessageBox is the signing confirmation (sign-request.ts). */
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox'>;
  fs: HandlerFileSystem;
  /** The window of the calling page, which dialogs are modal to; null shows them unparented. */
  getWindow: (sender: SenderInfo) => BaseWindow | null;
  /** Hosts openExternal may open (external-allowlist.ts). */
  allowlist: readonly string[];
  maxOpenFileBytes?: number;
  /** This device's signing key (signing-keys.ts); its private key never leaves it. */
  signingKeys: SigningKeyStore;
  /** Where signing refusals and signatures are logged. */
  signingLog?: Pick<Logger, 'info' | 'warn'>;
  /** The second copy of signed reports on disk (report-mirror.ts); it validates its requests. */
  reportMirror: Pick<ReportMirror, 'mirror' | 'list' | 'readAttachment'>;
  /** The hub the CSP allows (hub-origin.ts); it validates its requests and asks the user. */
  hubOrigins: Pick<HubOriginStore, 'set'>;
}

/** Rounded up to 0.1 MB, so a file just over the limit never reads as "50 MB". */
function megabytes(bytes: number): string {
  return `${Math.ceil((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function assertSaveRequest(request: unknown): asserts request is SaveFileRequest {
  const candidate = request as Partial<SaveFileRequest> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.suggestedName !== 'string' ||
    typeof candidate.mimeType !== 'string' ||
    !(candidate.data instanceof Uint8Array)
  ) {
    throw new Error('saveFile needs { suggestedName, mimeType, data: Uint8Array }.');
  }
}

function assertOpenRequest(request: unknown): asserts request is OpenFileRequest {
  const candidate = request as Partial<OpenFileRequest> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.title !== 'string' ||
    !Array.isArray(candidate.extensions) ||
    !candidate.extensions.every(
      (extension) => typeof extension === 'string' && /^[a-z0-9]{1,16}$/i.test(extension),
    )
  ) {
    throw new Error(
      'openFile needs { title, extensions: ["yaml", ...] } (extensions without the dot).',
    );
  }
}

/** The name only: a suggested name must not pick the folder (the user does, in the dialog). */
function safeFileName(suggestedName: string): string {
  // Characters Windows forbids in file names, and control characters, become '_'.
  const name = [...path.basename(suggestedName.replaceAll('\\', '/'))]
    .map((character) => (character < ' ' || '<>:"|?*'.includes(character) ? '_' : character))
    .join('');
  return name === '' || name === '.' || name === '..' ? 'export' : name;
}

export function createHandlers(deps: HandlerDependencies): IpcHandlers {
  const maxOpenFileBytes = deps.maxOpenFileBytes ?? MAX_OPEN_FILE_BYTES;
  const signRequest = createSignRequestHandler({
    signingKeys: deps.signingKeys,
    dialog: deps.dialog,
    getWindow: deps.getWindow,
    ...(deps.signingLog ? { log: deps.signingLog } : {}),
  });
  const signWaiverDecision = createWaiverDecisionHandler({
    signingKeys: deps.signingKeys,
    dialog: deps.dialog,
    getWindow: deps.getWindow,
    ...(deps.signingLog ? { log: deps.signingLog } : {}),
  });

  return {
    getInfo: async () => ({
      name: deps.app.getName(),
      version: deps.app.getVersion(),
      runtime: 'desktop',
      platform: deps.platform,
    }),

    openExternal: async (request) => {
      const url: unknown = (request as { url?: unknown } | null)?.url;
      const check = checkExternalUrl(typeof url === 'string' ? url : '', deps.allowlist);
      if (!check.isAllowed) return { opened: false, reason: check.reason };
      try {
        await deps.shell.openExternal(check.href);
        return { opened: true };
      } catch {
        return { opened: false, reason: 'the system could not open the link' };
      }
    },

    saveFile: async (request, sender) => {
      assertSaveRequest(request);
      const name = safeFileName(request.suggestedName);
      const extension = path.extname(name).slice(1).toLowerCase();
      const options = {
        defaultPath: name,
        filters: [
          ...(extension === ''
            ? []
            : [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }]),
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const window = deps.getWindow(sender);
      const choice = window
        ? await deps.dialog.showSaveDialog(window, options)
        : await deps.dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFileAtomic(deps.fs, choice.filePath, request.data);
      return { saved: true, location: choice.filePath };
    },

    openFile: async (request, sender) => {
      assertOpenRequest(request);
      const options = {
        title: request.title,
        properties: ['openFile' as const],
        filters:
          request.extensions.length === 0
            ? []
            : [{ name: request.extensions.join(', '), extensions: request.extensions }],
      };
      const window = deps.getWindow(sender);
      const choice = window
        ? await deps.dialog.showOpenDialog(window, options)
        : await deps.dialog.showOpenDialog(options);
      const filePath = choice.filePaths[0];
      if (choice.canceled || filePath === undefined) return null;
      const name = path.basename(filePath);
      const tooLarge = (size: number) =>
        new Error(
          `"${name}" is ${megabytes(size)}; files larger than ${megabytes(maxOpenFileBytes)} cannot be opened.`,
        );
      const stats = await deps.fs.stat(filePath);
      if (!stats.isFile()) throw new Error(`"${name}" is not a file.`);
      if (stats.size > maxOpenFileBytes) throw tooLarge(stats.size);
      const data = await deps.fs.readFile(filePath);
      // The file may have grown between stat and read.
      if (data.byteLength > maxOpenFileBytes) throw tooLarge(data.byteLength);
      return { name, data };
    },

    getSigningKey: () => deps.signingKeys.getKey(),

    signWithDeviceKey: (request, sender) => signRequest(request, sender),

    signWaiverDecision: (request, sender) => signWaiverDecision(request, sender),

    mirrorSignedReport: (request) => deps.reportMirror.mirror(request),

    listMirroredReports: () => deps.reportMirror.list(),

    readMirroredAttachment: (request) => deps.reportMirror.readAttachment(request),

    setHubOrigin: (request, sender) => deps.hubOrigins.set(request, sender),
  };
}
