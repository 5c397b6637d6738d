// Finds the Electron executable WITHOUT requiring the 'electron' package: its index.js starts a
// download when the binary is missing, and on machines where that cannot work (no network, blocked
// CDN) it would hang or fail loudly. This reads the same files index.js reads (path.txt, dist/)
// and only reports. Used by cli/start.mjs and test/e2e/electron.spec.ts; types in electron-binary.d.mts.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `reason` completes "Electron binary not available on this machine (...)".
 * @returns {{ path: string; reason?: undefined } | { path: null; reason: string }}
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed; run npm install' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative || 'electron');
    return existsSync(executable)
      ? { path: executable }
      : {
          path: null,
          reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${executable}`,
        };
  }
  if (relative === '') {
    return { path: null, reason: 'it was never downloaded: node_modules/electron has no path.txt' };
  }
  const executable = path.join(packageDir, 'dist', relative);
  return existsSync(executable)
    ? { path: executable }
    : { path: null, reason: `it is missing from ${executable}` };
}
