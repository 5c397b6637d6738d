// The preload (bundled to dist/electron/preload.cjs, runs sandboxed): exposes window.app, one
// function per method of the IPC contract plus its event subscriptions, and nothing else.
// ipcRenderer itself never reaches the page, nor does any IPC event object (it holds the sender).
// A method added to the contract fails to compile here until it is bridged below.

import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMAND_CHANNEL, channelOf, isMenuCommand } from '../common/ipc-contract';
import type {
  AppBridge,
  IpcMethod,
  IpcRequest,
  IpcResponse,
  MenuCommand,
} from '../common/ipc-contract';

function invoke<M extends IpcMethod>(method: M, request: IpcRequest<M>): Promise<IpcResponse<M>> {
  // ipcRenderer.invoke resolves to any; main's handler for this channel returns IpcResponse<M>.
  return ipcRenderer.invoke(channelOf(method), request) as Promise<IpcResponse<M>>;
}

const bridge = {
  getInfo: () => invoke('getInfo', undefined),
  openExternal: (request) => invoke('openExternal', request),
  saveFile: (request) => invoke('saveFile', request),
  openFile: (request) => invoke('openFile', request),
  getSigningKey: () => invoke('getSigningKey', undefined),
  signWithDeviceKey: (request) => invoke('signWithDeviceKey', request),
  signWaiverDecision: (request) => invoke('signWaiverDecision', request),
  mirrorSignedReport: (request) => invoke('mirrorSignedReport', request),
  listMirroredReports: () => invoke('listMirroredReports', undefined),
  readMirroredAttachment: (request) => invoke('readMirroredAttachment', request),
  setHubOrigin: (request) => invoke('setHubOrigin', request),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    // Only the command reaches the page, and only a known one.
    const forward = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
} satisfies AppBridge;

contextBridge.exposeInMainWorld('app', bridge);
