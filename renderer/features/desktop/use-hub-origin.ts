// Keeps the desktop app's CSP in step with the hub this device is enrolled with: once per page
// load, when IndexedDB holds a hub connection that main does not allow yet (its hub-origin.json
// was lost, or the connection came back from a backup), main asks the user and the page reloads
// with the hub allowed. It never narrows at start: an enrollment waiting for its reload
// (renderer/bridge/hub-access.ts) has no connection yet. Web mode: nothing to do.
import { useEffect } from 'react';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { readHubConnection } from '../../sync/hub-connection';

let started = false;

async function allowEnrolledHub(): Promise<void> {
  const info = await bridge.getInfo();
  if (info.runtime !== 'desktop') return;
  const connection = await readHubConnection(services.db);
  if (connection === undefined) return;
  const result = await bridge.setHubOrigin({ hubUrl: connection.hubUrl });
  if (result.isAllowed && result.isReloadRequired) globalThis.location.reload();
}

export function useHubOrigin(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    allowEnrolledHub().catch((error: unknown) =>
      console.error('could not allow the enrolled hub in the content security policy', error),
    );
  }, []);
}
