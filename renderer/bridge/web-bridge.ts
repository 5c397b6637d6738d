// The browser implementation of the bridge, so the renderer runs unchanged as a plain web app:
// files go through <input type=file> and downloads instead of native dialogs, and the signing key
// is a non-extractable WebCrypto key in IndexedDB (web-signing-key.ts) instead of the OS keyring.
import type { AppBridge, OpenedFile, SaveFileResult } from '../../electron/common/ipc-contract';
import { hubOriginOf } from '../../electron/common/content-security-policy';
import { createWebSigningKeyStore } from './web-signing-key';

const MAX_OPEN_BYTES = 50 * 1024 * 1024;

function saveWithDownload(name: string, mimeType: string, data: Uint8Array): SaveFileResult {
  const blob = new Blob([data as Uint8Array<ArrayBuffer>], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: the download reads the blob asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: true, location: name };
}

function pickFile(extensions: string[]): Promise<OpenedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((extension) => `.${extension}`).join(',');
    input.addEventListener('cancel', () => resolve(null));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      if (file.size > MAX_OPEN_BYTES) {
        return reject(new Error(`${file.name} is larger than 50 MB and cannot be opened.`));
      }
      file
        .arrayBuffer()
        .then((buffer) => resolve({ name: file.name, data: new Uint8Array(buffer) }))
        .catch(reject);
    });
    input.click();
  });
}

export function createWebBridge(): AppBridge {
  const signingKeys = createWebSigningKeyStore();
  return {
    getInfo: async () => ({
      name: 'Go-live Checklists',
      version: __APP_VERSION__,
      runtime: 'web',
      platform: navigator.platform || 'browser',
    }),
    openExternal: async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { opened: false, reason: 'not a valid URL' };
      }
      if (parsed.protocol !== 'https:') return { opened: false, reason: 'only https links open' };
      window.open(parsed.href, '_blank', 'noopener,noreferrer');
      return { opened: true };
    },
    saveFile: async ({ suggestedName, mimeType, data }) =>
      saveWithDownload(suggestedName, mimeType, data),
    openFile: ({ extensions }) => pickFile(extensions),
    getSigningKey: () => signingKeys.getKey(),
    signWithDeviceKey: async ({ message, reportBody }) => ({
      signature: await signingKeys.sign(message, reportBody),
    }),
    signWaiverDecision: async ({ message }) => ({
      signature: await signingKeys.signWaiverDecision(message),
    }),
    // Web mode keeps no second copy of signed reports: a page cannot write files of its own, and
    // a copy in another IndexedDB database would be lost with the first when the site's data is
    // cleared. Backups (Settings) are the web's insurance. The desktop twin is report-mirror.ts.
    mirrorSignedReport: async () => ({ mirrored: false, reason: 'web mode keeps no second copy' }),
    listMirroredReports: async () => [],
    readMirroredAttachment: async () => null,
    // Web mode's CSP comes from its server (HUB_URL, renderer/vite.config.ts): a page cannot
    // change it, so there is nothing to allow or reload here.
    setHubOrigin: async ({ hubUrl }) => ({
      origin: hubUrl === null ? null : hubOriginOf(hubUrl),
      isAllowed: true,
      isReloadRequired: false,
    }),
    // No application menu in a browser: nothing ever arrives.
    onMenuCommand: () => () => undefined,
  };
}
