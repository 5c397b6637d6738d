// Builds the renderer once for both runtimes: the desktop app loads dist/renderer over app://bundle,
// web mode serves the same files on 127.0.0.1 (cli/serve-web.mjs). Relative asset URLs (base './')
// make both work; the CSP header comes from electron/common/content-security-policy.ts (web mode:
// connect-src allows loopback and the hub named by HUB_URL, if any).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import {
  securityHeaders,
  webModeConnectPolicy,
} from '../electron/common/content-security-policy.ts';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };
const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The repository's core/ TypeScript modules, whichever separator the bundler's ids use. */
const coreModules = new RegExp(
  `^${fileURLToPath(new URL('../core/', import.meta.url))
    .split(/[\\/]/)
    .map(escapeRegExp)
    .join('[\\\\/]')}.*\\.ts$`,
);

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // Maps for crash reports stay beside the build (not referenced by the bundles, not packaged:
    // electron-builder.yml excludes *.map), so browsers never fetch them.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Modules without effects at import time, which the bundler cannot tell by itself, so that
      // a module merely sitting in a barrel (core/reports, core/definitions) next to what a screen
      // imports is left out. The core is pure (lint enforces it) but builds zod schemas at the
      // top level; pdf-lib, pako and yaml declare no "sideEffects". Without these rules the first
      // page's chunks held the YAML parser, the definition validator and pdf-lib; now only the
      // chunks that call them (review, sign-off, templates, seeding) do.
      treeshake: {
        moduleSideEffects: [
          {
            test: /[\\/]node_modules[\\/](pdf-lib|@pdf-lib[\\/][^\\/]+|pako|yaml)[\\/]/,
            sideEffects: false,
          },
          { test: coreModules, sideEffects: false },
        ],
      },
      output: {
        codeSplitting: {
          groups: [
            // zod and its configuration (jitless: the CSP forbids eval) in one chunk, the
            // configuration right after zod: chunks run before the entry's own code, so with
            // app/zod-config.ts in the entry the core's schemas were built first, zod probed
            // `new Function` for them and Chromium reported the CSP violation (Lighthouse's
            // inspector-issues).
            {
              name: 'zod',
              test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]renderer[\\/]app[\\/]zod-config\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173) },
  preview: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    headers: securityHeaders(webModeConnectPolicy(process.env.HUB_URL)),
  },
});
