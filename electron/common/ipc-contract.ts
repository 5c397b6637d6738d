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

/** Method name -> request and response. The IPC channel of a method is `app:<method>`. */
export interface IpcContract {
  getInfo: { request: void; response: AppInfo };
  openExternal: { request: { url: string }; response: OpenExternalResult };
  saveFile: { request: SaveFileRequest; response: SaveFileResult };
  openFile: { request: OpenFileRequest; response: OpenedFile | null };
}

export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = IpcContract[M]['request'];
export type IpcResponse<M extends IpcMethod> = IpcContract[M]['response'];

export const IPC_METHODS = ['getInfo', 'openExternal', 'saveFile', 'openFile'] as const satisfies readonly IpcMethod[];

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
