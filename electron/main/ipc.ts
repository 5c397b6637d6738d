// The one place main registers IPC: a handler per method of electron/common/ipc-contract.ts on its
// channel `app:<method>`, each call checked first: it must come from the main frame of a page on
// app://bundle. The handler map type makes a method missing from main a compile error.

import { IPC_METHODS, channelOf } from '../common/ipc-contract';
import type { IpcMethod, IpcRequest, IpcResponse } from '../common/ipc-contract';
import { isAppUrl } from './security';

/** Who called, for handlers that care (dialogs parented to the right window, logs). */
export interface SenderInfo {
  /** URL of the calling frame, already checked to be on app://bundle. */
  url: string;
  /** Id of the calling web contents (webContents.fromId, to find its window; logs). */
  webContentsId: number;
}

export type IpcHandlers = {
  [M in IpcMethod]: (request: IpcRequest<M>, sender: SenderInfo) => Promise<IpcResponse<M>>;
};

// The slice of Electron's IpcMain and IpcMainInvokeEvent used here; the real ones satisfy it and
// tests pass plain fakes.
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
  readonly sender: { readonly id: number };
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEvent, request: unknown) => Promise<unknown>,
  ): void;
}

export interface IpcOptions {
  log?: (message: string) => void;
}

/**
 * Why a frame may not call main, or null when it may: only the main frame (not an iframe) of a
 * document on app://bundle. A missing URL (frame gone), about:blank, file:, any other origin and
 * unparsable URLs are refused.
 */
export function senderRejection(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
): string | null {
  if (typeof frameUrl !== 'string' || frameUrl === '') return 'the sending frame is gone';
  if (!isMainFrame) return 'the sender is a sub-frame';
  if (!isAppUrl(frameUrl))
    return `the sender ${JSON.stringify(frameUrl.slice(0, 200))} is not on the app origin`;
  return null;
}

export function isTrustedSender(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
): boolean {
  return senderRejection(frameUrl, isMainFrame) === null;
}

const defaultLog = (message: string) => console.warn(`[ipc] ${message}`);

/** Registers exactly one `app:<method>` handler per contract method. Call once, after app 'ready'. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  options: IpcOptions = {},
): void {
  const log = options.log ?? defaultLog;
  for (const method of IPC_METHODS) {
    const channel = channelOf(method);
    // Widened once here: the request arrives untyped over IPC and each handler validates its shape.
    const handler = handlers[method] as (request: unknown, sender: SenderInfo) => Promise<unknown>;
    ipcMain.handle(channel, async (event, request) => {
      const frame = event.senderFrame;
      // A frame without a parent is the top frame of its web contents.
      const rejection = senderRejection(frame?.url, frame !== null && frame.parent === null);
      if (rejection !== null || frame === null) {
        const message = `IPC ${channel} refused: ${rejection ?? 'no sending frame'}`;
        log(message);
        throw new Error(message);
      }
      return handler(request, { url: frame.url, webContentsId: event.sender.id });
    });
  }
}
