// The preload (bundled to dist/electron/preload.cjs, runs sandboxed): exposes window.app, one
// function per method of the IPC contract and nothing else. ipcRenderer itself never reaches the page.
// A method added to the contract fails to compile here until it is bridged below.

import { contextBridge, ipcRenderer } from 'electron';
import { channelOf } from '../common/ipc-contract';
import type { AppBridge, IpcMethod, IpcRequest, IpcResponse } from '../common/ipc-contract';

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
} satisfies AppBridge;

contextBridge.exposeInMainWorld('app', bridge);
