// One instance of the app at a time: two would share one IndexedDB profile, one signing key file and
// one report mirror, and Chromium does not support two browsers on one profile. A second launch
// hands over to the first (which shows its window) and quits. The app is passed in, so tests drive
// this with a fake.

/** The slice of Electron's App used here; the real one satisfies it. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Takes the single-instance lock. Returns true when this process is the one instance: `focus` then
 * runs whenever someone launches the app again. Returns false, and quits, when another instance
 * holds the lock: the caller must then set nothing else up.
 */
export function enforceSingleInstance(app: SingleInstanceApp, focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    // The other instance gets 'second-instance' and shows its window.
    app.quit();
    return false;
  }
  app.on('second-instance', () => focus());
  return true;
}
