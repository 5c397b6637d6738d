// Builds the hub to plain JavaScript that starts with `node` (no tsx at run time): esbuild bundles
// hub/cli.ts (the admin commands and `serve`, the default) with the core and the core's libraries
// into dist/hub/main.js (ES module, Node 20). The hub workspace's own runtime dependencies
// (hub/package.json "dependencies": fastify, @fastify/*, better-sqlite3 with its native addon, pg)
// stay imports, resolved from node_modules at run time, so the deployment installs exactly those
// (npm ci --omit=dev --workspace hub). The store's migrations are modules, so they are bundled too.
// Usage: node cli/build-hub.mjs [--outdir <dir>]   (npm run build:hub; default dist/hub)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} specifier */
function isBuiltin(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/**
 * The hub workspace's runtime dependencies: kept external, installed from the lockfile.
 * @returns {Promise<string[]>}
 */
export async function hubRuntimeDependencies() {
  const manifest = JSON.parse(await readFile(path.join(root, 'hub', 'package.json'), 'utf8'));
  return Object.keys(manifest.dependencies ?? {}).sort();
}

/**
 * Builds the hub into `outdir` (emptied first) and returns the packages the bundle imports
 * (node built-ins left out).
 * @param {{ outdir?: string }} [options]
 * @returns {Promise<{ outdir: string; entry: string; bytes: number; imports: string[] }>}
 */
export async function buildHub(options = {}) {
  const outdir = path.resolve(root, options.outdir ?? path.join('dist', 'hub'));
  const external = await hubRuntimeDependencies();
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const entry = path.join(outdir, 'main.js');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['hub/cli.ts'],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Subpaths too (e.g. fastify/…): whatever the hub's dependencies are, node_modules serves them.
    external: external.flatMap((name) => [name, `${name}/*`]),
    // CommonJS code inside the bundle may call require() for node built-ins.
    banner: {
      js: "import { createRequire as __hubCreateRequire } from 'node:module';\nconst require = __hubCreateRequire(import.meta.url);",
    },
    // For stack traces on the server (node --enable-source-maps); never part of the desktop app.
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  // The bundle is an ES module wherever it is copied, with or without the repository's package.json.
  await writeFile(
    path.join(outdir, 'package.json'),
    `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`,
  );
  const output = result.metafile.outputs[path.relative(root, entry).split(path.sep).join('/')];
  const imports = [
    ...new Set(
      (output?.imports ?? [])
        .filter((item) => item.external && !isBuiltin(item.path))
        .map((item) => item.path),
    ),
  ].sort();
  return { outdir, entry, bytes: output?.bytes ?? 0, imports };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  const built = await buildHub(values.outdir === undefined ? {} : { outdir: values.outdir });
  const where = path.relative(root, built.entry);
  console.log(`built ${where} (${(built.bytes / 1024).toFixed(1)} kB) from hub/cli.ts`);
  console.log(`imports from node_modules: ${built.imports.join(', ') || 'nothing'}`);
  console.log(`start it with: node ${where}   (or: node ${where} help)`);
}
