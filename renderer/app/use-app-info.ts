// Version and runtime from the bridge (desktop app or web mode), fetched once.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../electron/common/ipc-contract';
import { bridge } from '../bridge/bridge';

let cached: Promise<AppInfo> | undefined;

export function useAppInfo(): AppInfo | undefined {
  const [info, setInfo] = useState<AppInfo>();
  useEffect(() => {
    cached ??= bridge.getInfo();
    let live = true;
    void cached.then((value) => live && setInfo(value));
    return () => {
      live = false;
    };
  }, []);
  return info;
}
