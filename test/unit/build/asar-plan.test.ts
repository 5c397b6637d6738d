// The desktop installer carries the app and nothing of the hub: what electron-builder would pack
// into app.asar (cli/asar-plan.ts, electron-builder's own `files` matchers and npm collector) for a
// fresh build of the app (esbuild main/preload, Vite renderer, and the hub's bundle beside them in
// dist/) holds no source map, no server dependency, and exactly the production dependency closure
// of the root package read independently from package-lock.json.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsarPlan, PlanPlatform } from '../../../cli/asar-plan';
import { planAsar } from '../../../cli/asar-plan';
import { buildHub } from '../../../cli/build-hub.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
interface LockEntry extends Partial<Manifest> {
  version?: string;
  link?: boolean;
  resolved?: string;
}
const lock = readJson<{ packages: Record<string, LockEntry> }>(
  path.join(root, 'package-lock.json'),
);
const rootManifest = readJson<Manifest>(path.join(root, 'package.json'));
const hubManifest = readJson<Manifest>(path.join(root, 'hub', 'package.json'));

/** Node's lookup from a package-lock location: its own node_modules, then each ancestor's. */
function resolveInLock(from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return null;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/**
 * name@version of every package a lockfile location needs in production, itself excluded;
 * `skip` leaves out some of its direct dependencies (and what only they need).
 */
function productionClosure(start: string, skip: ReadonlySet<string> = new Set()): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (location: string): void => {
    const entry = lock.packages[location];
    if (entry === undefined) throw new Error(`package-lock.json has no "${location}"`);
    const needs = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const name of Object.keys(needs)) {
      if (location === start && skip.has(name)) continue;
      const resolved = resolveInLock(location, name);
      if (resolved === null) {
        if (entry.optionalDependencies?.[name] !== undefined) continue;
        throw new Error(`package-lock.json: ${location || 'the root'} needs ${name}, not locked`);
      }
      if (seen.has(resolved)) continue;
      seen.add(resolved);
      const target = lock.packages[resolved] as LockEntry;
      if (target.link === true) {
        visit(target.resolved as string);
        continue;
      }
      found.add(`${name}@${target.version}`);
      visit(resolved);
    }
  };
  visit(start);
  return found;
}

const nameOf = (id: string): string => id.slice(0, id.lastIndexOf('@'));
const planned = (plan: AsarPlan): string[] =>
  [...plan.appFiles, ...plan.moduleFiles].map((f) => f.path);

const PLATFORMS: PlanPlatform[] = ['linux', 'win', 'mac'];
let buildDir = '';
const plans = new Map<PlanPlatform, AsarPlan>();

beforeAll(async () => {
  // A fresh build in a folder of its own, so the test neither needs nor touches the shared dist/.
  buildDir = mkdtempSync(path.join(os.tmpdir(), 'asar-plan-'));
  copyFileSync(path.join(root, 'package.json'), path.join(buildDir, 'package.json'));
  const dist = path.join(buildDir, 'dist');
  execFileSync(process.execPath, ['electron/build.mjs', '--outdir', path.join(dist, 'electron')], {
    cwd: root,
    stdio: 'pipe',
  });
  await viteBuild({
    configFile: path.join(root, 'renderer', 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: path.join(dist, 'renderer'), emptyOutDir: true },
  });
  await buildHub({ outdir: path.join(dist, 'hub') });
  for (const platform of PLATFORMS) {
    plans.set(platform, await planAsar({ projectDir: root, filesDir: buildDir, platform }));
  }
}, 240_000);

afterAll(() => {
  if (buildDir !== '') rmSync(buildDir, { recursive: true, force: true });
});

function builtFiles(folder: string): string[] {
  return readdirSync(path.join(buildDir, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(buildDir, path.join(entry.parentPath, entry.name)));
}

describe('app.asar as electron-builder would pack it', () => {
  it('holds the built app and package.json, and no source map although the build makes them', () => {
    const maps = builtFiles('dist').filter((file) => file.endsWith('.map'));
    expect(maps, 'the build writes source maps (so excluding them is what keeps them out)').toEqual(
      expect.arrayContaining([
        path.join('dist', 'electron', 'main.cjs.map'),
        path.join('dist', 'hub', 'main.js.map'),
      ]),
    );
    for (const platform of PLATFORMS) {
      const plan = plans.get(platform) as AsarPlan;
      const appPaths = plan.appFiles.map((file) => file.path);
      expect(appPaths, platform).toEqual(
        expect.arrayContaining([
          'package.json',
          'dist/electron/main.cjs',
          'dist/electron/preload.cjs',
          'dist/renderer/index.html',
        ]),
      );
      const strays = appPaths.filter(
        (file) => !/^dist\/(electron|renderer)\//.test(file) && file !== 'package.json',
      );
      expect(strays, `${platform}: only the app (not dist/hub/)`).toEqual([]);
      expect(
        planned(plan).filter((file) => file.endsWith('.map')),
        `${platform}: source maps`,
      ).toEqual([]);
    }
  });

  it("packs source maps when `files` lacks '!**/*.map' (the check sees them)", async () => {
    const plan = await planAsar({
      projectDir: root,
      filesDir: buildDir,
      configOverrides: { files: ['dist/electron/**', 'dist/renderer/**', 'package.json'] },
    });
    expect(plan.appFiles.map((file) => file.path)).toContain('dist/electron/main.cjs.map');
  });

  it('carries exactly the production closure of the root package, read from package-lock.json', () => {
    const expected = [...productionClosure('')].sort();
    expect(expected.map(nameOf), 'the app loads electron-updater at run time').toContain(
      'electron-updater',
    );
    for (const platform of PLATFORMS) {
      const plan = plans.get(platform) as AsarPlan;
      const packed = [...new Set(plan.modules.map((m) => `${m.name}@${m.version}`))].sort();
      expect(packed, platform).toEqual(expected);
    }
  });

  it('carries no server dependency: nothing only the hub needs, no fastify, pg or SQLite', () => {
    const hubDependencies = Object.keys(hubManifest.dependencies ?? {});
    const hubNeeds = [...productionClosure('hub')].map(nameOf);
    expect(hubNeeds, 'the hub workspace, read from the lockfile').toEqual(
      expect.arrayContaining(['fastify', '@fastify/cors', 'pg', 'better-sqlite3', 'pino']),
    );
    // The app's own needs, even if someone listed a hub dependency at the root by mistake.
    const appNeeds = new Set([...productionClosure('', new Set(hubDependencies))].map(nameOf));
    const serverOnly = new Set([...hubDependencies, ...hubNeeds.filter((n) => !appNeeds.has(n))]);
    const serverFamily =
      /^(fastify|@fastify\/.+|pg|pg-.+|better-sqlite3|kysely|nodemailer|pino.*)$/;
    for (const platform of PLATFORMS) {
      const plan = plans.get(platform) as AsarPlan;
      const names = [...new Set(plan.modules.map((m) => m.name))];
      expect(
        names.filter((name) => serverOnly.has(name) || serverFamily.test(name)),
        `${platform}: server packages in app.asar`,
      ).toEqual([]);
      expect(
        planned(plan).filter((file) =>
          /(^|\/)node_modules\/(fastify|pg|better-sqlite3)\//.test(file),
        ),
        `${platform}: server files in app.asar`,
      ).toEqual([]);
    }
  });

  it('packs every package the built main process loads, and loads every runtime dependency', () => {
    const main = readFileSync(path.join(buildDir, 'dist', 'electron', 'main.cjs'), 'utf8');
    const preload = readFileSync(path.join(buildDir, 'dist', 'electron', 'preload.cjs'), 'utf8');
    const packedNames = new Set((plans.get('linux') as AsarPlan).modules.map((m) => m.name));
    const required = [...`${main}\n${preload}`.matchAll(/\brequire\("([^"./][^"]*)"\)/g)]
      .map((match) => match[1] as string)
      .map((specifier) => specifier.replace(/^node:/, ''))
      .filter((specifier) => !builtinModules.includes(specifier) && specifier !== 'electron');
    const packageOf = (specifier: string): string =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    expect(required.map(packageOf).filter((name) => !packedNames.has(name))).toEqual([]);
    // A dependency the bundles never name is bundled already: it belongs in devDependencies.
    for (const name of Object.keys(rootManifest.dependencies ?? {})) {
      expect(
        main.includes(`'${name}'`) || main.includes(`"${name}"`),
        `main.cjs loads ${name}`,
      ).toBe(true);
    }
  });
});
