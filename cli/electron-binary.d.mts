// Types of cli/electron-binary.mjs for TypeScript callers (test/e2e/electron.spec.ts).
export declare function findElectronBinary():
  { path: string; reason?: undefined } | { path: null; reason: string };
