// The one contract between main, preload and renderer. Types only plus the channel list: this file
// must never import electron or node, because the renderer imports it too.
// To add a call: add it to IpcContract, then main's handler map and the preload will not compile
// until they implement it, and neither will the web bridge (renderer/bridge/web-bridge.ts).

export type Runtime = 'desktop' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  runtime: Runtime;
  platform: string;
}

export interface OpenExternalResult {
  opened: boolean;
  /** Why the URL was refused, when it was. */
  reason?: string;
}

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  data: Uint8Array;
}

export interface SaveFileResult {
  saved: boolean;
  /** Where the file went (desktop) or the download name (web). */
  location?: string;
}

export interface OpenFileRequest {
  title: string;
  /** Extensions without the dot, e.g. ["yaml", "yml"]. */
  extensions: string[];
}

export interface OpenedFile {
  name: string;
  data: Uint8Array;
}

/**
 * How the device's signing key is protected. 'os-keyring': the desktop app keeps the private key
 * only encrypted with the OS keyring (Electron safeStorage) and uses it in the main process alone.
 * 'browser-non-extractable': web mode keeps a non-extractable WebCrypto key in IndexedDB.
 */
export type SigningKeyProtection = 'os-keyring' | 'browser-non-extractable';

/** The public half of this device's Ed25519 signing key; the private half never crosses the bridge. */
export interface SigningKeyInfo {
  /** base64url (no padding) of the raw 32-byte Ed25519 public key, as in core's SignerIdentity. */
  publicKey: string;
  /** ISO 8601: when the key was made on this device. */
  createdAt: string;
  protection: SigningKeyProtection;
  /** Something the user should know about how safe the key is, in plain words. */
  warning?: string;
}

/** Method name -> request and response. The IPC channel of a method is `app:<method>`. */
export interface IpcContract {
  getInfo: { request: void; response: AppInfo };
  openExternal: { request: { url: string }; response: OpenExternalResult };
  saveFile: { request: SaveFileRequest; response: SaveFileResult };
  openFile: { request: OpenFileRequest; response: OpenedFile | null };
  /** This device's signing key, made on the first call and the same one after that. */
  getSigningKey: { request: void; response: SigningKeyInfo };
  /**
   * An Ed25519 signature (64 bytes) of `message` with the key getSigningKey reports. Refused when
   * there is no key yet (call getSigningKey first) and for messages over MAX_SIGN_MESSAGE_BYTES.
   */
  signWithDeviceKey: { request: { message: Uint8Array }; response: { signature: Uint8Array } };
}

export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = IpcContract[M]['request'];
export type IpcResponse<M extends IpcMethod> = IpcContract[M]['response'];

export const IPC_METHODS = [
  'getInfo',
  'openExternal',
  'saveFile',
  'openFile',
  'getSigningKey',
  'signWithDeviceKey',
] as const satisfies readonly IpcMethod[];

/**
 * The largest message signWithDeviceKey signs, in both runtimes. What is signed is a small
 * SignedStatement (core/reports/report-format.ts), never a whole report.
 */
export const MAX_SIGN_MESSAGE_BYTES = 64 * 1024;

// Compile-time check that IPC_METHODS lists every method of the contract.
type MissingMethods = Exclude<IpcMethod, (typeof IPC_METHODS)[number]>;
const everyMethodListed: MissingMethods extends never ? true : MissingMethods = true;
void everyMethodListed;

export function channelOf(method: IpcMethod): `app:${IpcMethod}` {
  return `app:${method}`;
}

/** What `window.app` offers the renderer, in the desktop app and in web mode alike. */
export type AppBridge = {
  [M in IpcMethod]: IpcRequest<M> extends void
    ? () => Promise<IpcResponse<M>>
    : (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
};

/** The origin the renderer is served from in the desktop app (custom protocol, stable across releases). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
