// The renderer's one way to reach the platform: the preload's window.app in the desktop app,
// the web implementation otherwise.
import type { AppBridge } from '../../electron/common/ipc-contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Exposed by electron/preload/preload.ts in the desktop app; absent in web mode. */
    app?: AppBridge;
  }
}

export const bridge: AppBridge =
  (typeof window === 'undefined' ? undefined : window.app) ?? createWebBridge();
