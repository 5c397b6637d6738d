// Bundles the main process and the preload with esbuild into dist/electron/ (CommonJS: a sandboxed
// preload can only be one CommonJS file that requires nothing but 'electron'). The renderer is
// built separately by Vite (renderer/vite.config.ts).
// Usage: node electron/build.mjs [--outdir <dir>]   (default dist/electron; tests build elsewhere)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = path.resolve(root, values.outdir ?? path.join('dist', 'electron'));

/** @type {import('esbuild').BuildOptions} */
const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Provided by the Electron runtime, never bundled.
  external: ['electron'],
  sourcemap: true,
  // Lower bounds: Electron 45 ships a newer Node and Chromium than these.
  target: ['node20', 'chrome120'],
  logLevel: 'warning',
  metafile: true,
};

const bundles = [
  { entry: 'electron/main/main.ts', outfile: path.join(outdir, 'main.cjs') },
  { entry: 'electron/preload/preload.ts', outfile: path.join(outdir, 'preload.cjs') },
];

for (const { entry, outfile } of bundles) {
  const result = await build({ ...shared, entryPoints: [entry], outfile });
  const output = result.metafile?.outputs[path.relative(root, outfile).split(path.sep).join('/')];
  const size = output ? ` (${(output.bytes / 1024).toFixed(1)} kB)` : '';
  console.log(`built ${path.relative(root, outfile)}${size} from ${entry}`);
}

console.log(`electron bundles are in ${outdir}`);
