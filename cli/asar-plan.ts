// What electron-builder would pack into the desktop app's app.asar, computed with electron-builder's
// own code (app-builder-lib, pinned in package.json) without packaging, because packaging needs the
// Electron binary and that cannot be downloaded everywhere. The same two steps electron-builder takes
// (platformPackager.copyAppFiles): the app folder's files matched by electron-builder.yml's `files`
// with its default exclusions, then the production dependency closure of the root package found by
// its npm collector (`npm list --omit dev` from the workspace root), each module filtered as when
// copied. Used by test/unit/build/asar-plan.test.ts and `npm run asar:plan` (prints the size in MB).
// The internals used are listed in the `Internals` type below; an electron-builder upgrade that
// moves them makes this fail loudly instead of planning something else.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type PlanPlatform = 'linux' | 'win' | 'mac';

export interface PlannedFile {
  /** Path inside app.asar, with forward slashes (e.g. `dist/electron/main.cjs`). */
  path: string;
  bytes: number;
}

export interface PlannedModule {
  name: string;
  version: string;
  /** Where the module is installed on this machine. */
  dir: string;
}

export interface AsarPlan {
  platform: PlanPlatform;
  /** The app's own files (what `files` matches in the app folder, package.json included). */
  appFiles: PlannedFile[];
  /** node_modules packages electron-builder copies, flattened (nested copies included). */
  modules: PlannedModule[];
  /** The copied files of those modules, under `node_modules/…`. */
  moduleFiles: PlannedFile[];
  /** Everything above, in bytes. */
  bytes: number;
  /** electron-builder's own log lines while collecting (warnings about missing modules, …). */
  log: string[];
}

export interface PlanOptions {
  /** The project: electron-builder.yml, package.json, package-lock.json and node_modules. */
  projectDir: string;
  /**
   * The folder `files` is matched in (default: projectDir, as electron-builder does). Tests point
   * it at a fresh build with the project's package.json; node_modules always come from projectDir.
   */
  filesDir?: string;
  platform?: PlanPlatform;
  /** Replaces top-level keys of electron-builder.yml (e.g. `files`), to show what a key changes. */
  configOverrides?: Record<string, unknown>;
}

interface FileSet {
  src: string;
  destination: string;
  files: string[];
  metadata: Map<string, { isDirectory(): boolean; isSymbolicLink(): boolean; size: number }>;
}

interface Matcher {
  patterns: string[];
}

/** The slice of app-builder-lib this plan relies on (all `out/` modules of app-builder-lib 26). */
interface Internals {
  getConfig(projectDir: string): Promise<Record<string, unknown>>;
  getMainFileMatchers(...args: unknown[]): Matcher[];
  getNodeModuleFileMatcher(...args: unknown[]): Matcher;
  computeFileSets(...args: unknown[]): Promise<FileSet[]>;
  computeNodeModuleFileSets(...args: unknown[]): Promise<FileSet[]>;
  getDestinationPath(file: string, fileSet: FileSet): string;
  determinePackageManagerEnv(dirs: {
    projectDir: string;
    appDir: string;
    workspaceRoot?: string;
  }): {
    value: Promise<{ pm: string; workspaceRoot: Promise<string | undefined> }>;
  };
  platforms: Record<PlanPlatform, unknown>;
  TmpDir: new (name: string) => { cleanup(): Promise<void> };
  /** Where electron-builder's log lines go (null: stderr). */
  setPrinter(printer: ((message: string) => void) | null): void;
}

function loadInternals(): Internals {
  const require = createRequire(import.meta.url);
  const from = (module: string) =>
    require(`app-builder-lib/out/${module}`) as Record<string, unknown>;
  const fileMatcher = from('fileMatcher');
  const appFileCopier = from('util/appFileCopier');
  const platform = (from('core').Platform ?? {}) as Record<string, unknown>;
  const builderUtil = require('builder-util') as Record<string, unknown>;
  const internals = {
    getConfig: from('util/config/config').getConfig,
    getMainFileMatchers: fileMatcher.getMainFileMatchers,
    getNodeModuleFileMatcher: fileMatcher.getNodeModuleFileMatcher,
    computeFileSets: appFileCopier.computeFileSets,
    computeNodeModuleFileSets: appFileCopier.computeNodeModuleFileSets,
    getDestinationPath: appFileCopier.getDestinationPath,
    determinePackageManagerEnv: from('node-module-collector').determinePackageManagerEnv,
    platforms: { linux: platform.LINUX, win: platform.WINDOWS, mac: platform.MAC },
    TmpDir: builderUtil.TmpDir,
    setPrinter: builderUtil.setPrinter,
  };
  const missing = Object.entries({ ...internals, ...internals.platforms })
    .filter(([, value]) => value === undefined || value === null)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `asar plan: app-builder-lib no longer provides ${missing.join(', ')}; update cli/asar-plan.ts`,
    );
  }
  return internals as Internals;
}

/** Macros (${arch}, ${os}…) would need a real packager; the config uses none in `files`. */
function noMacros(text: string): string {
  if (text.includes('${')) {
    throw new Error(`asar plan: "${text}" uses a macro; cli/asar-plan.ts does not expand them`);
  }
  return text;
}

function plannedFiles(fileSets: FileSet[], asarRoot: string, internals: Internals): PlannedFile[] {
  const planned: PlannedFile[] = [];
  for (const fileSet of fileSets) {
    for (const file of fileSet.files) {
      const stat = fileSet.metadata.get(file);
      // Directories and links inside the app carry no bytes of their own.
      if (stat === undefined || stat.isDirectory() || stat.isSymbolicLink()) continue;
      const destination = internals.getDestinationPath(file, fileSet);
      planned.push({
        path: path.relative(asarRoot, destination).split(path.sep).join('/'),
        bytes: stat.size,
      });
    }
  }
  return planned.sort((a, b) => a.path.localeCompare(b.path));
}

/** Each node_modules file set is one package copied from its folder. */
async function modulesOf(fileSets: FileSet[]): Promise<PlannedModule[]> {
  const modules: PlannedModule[] = [];
  for (const fileSet of fileSets) {
    const manifest = JSON.parse(await readFile(path.join(fileSet.src, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    modules.push({ name: manifest.name, version: manifest.version, dir: fileSet.src });
  }
  return modules;
}

/** Lists what electron-builder would put in app.asar for one platform (default: linux). */
export async function planAsar(options: PlanOptions): Promise<AsarPlan> {
  const internals = loadInternals();
  const projectDir = path.resolve(options.projectDir);
  const filesDir = path.resolve(options.filesDir ?? projectDir);
  const platform = options.platform ?? 'linux';
  const config = { ...(await internals.getConfig(projectDir)), ...options.configOverrides };
  const directories = (config.directories ?? {}) as { output?: string; buildResources?: string };
  const metadata = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as {
    name: string;
    type?: string;
    dependencies?: Record<string, string>;
  };
  const packageManager = internals.determinePackageManagerEnv({ projectDir, appDir: projectDir });
  const tempDirManager = new internals.TmpDir('asar-plan');
  const log: string[] = [];
  internals.setPrinter((message) => log.push(message));
  // The packager's fields these functions read (app-builder-lib's Packager and PlatformPackager).
  const info = {
    projectDir,
    appDir: projectDir,
    buildResourcesDir: path.resolve(projectDir, directories.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    areNodeModulesHandledExternally: false,
    config,
    debugLogger: { isEnabled: false },
    tempDirManager,
    appInfo: { type: metadata.type },
    metadata,
    originalMetadata: metadata,
    nodePackageName: metadata.name,
    getPackageManager: async () => (await packageManager.value).pm,
    getWorkspaceRoot: async () => (await (await packageManager.value).workspaceRoot) ?? projectDir,
  };
  const platformOptions = (config[platform] ?? {}) as Record<string, unknown>;
  const platformPackager = {
    info,
    config,
    platform: internals.platforms[platform],
    platformSpecificBuildOptions: platformOptions,
  };
  const outDir = path.resolve(projectDir, directories.output ?? 'dist');
  // Where electron-builder stages the asar's contents (<appOutDir>/resources/app): only a name here.
  const asarRoot = path.join(outDir, `${platform}-plan`, 'resources', 'app');
  try {
    const mainMatchers = internals.getMainFileMatchers(
      filesDir,
      asarRoot,
      noMacros,
      platformOptions,
      platformPackager,
      outDir,
      false,
    );
    const appFileSets = await internals.computeFileSets(
      mainMatchers,
      null,
      platformPackager,
      false,
    );
    const moduleMatcher = internals.getNodeModuleFileMatcher(
      projectDir,
      asarRoot,
      noMacros,
      platformOptions,
      info,
    );
    const moduleFileSets = await internals.computeNodeModuleFileSets(
      platformPackager,
      moduleMatcher,
    );
    const modules = await modulesOf(moduleFileSets);
    const appFiles = plannedFiles(appFileSets, asarRoot, internals);
    const moduleFiles = plannedFiles(moduleFileSets, asarRoot, internals);
    const bytes = [...appFiles, ...moduleFiles].reduce((sum, file) => sum + file.bytes, 0);
    return { platform, appFiles, modules, moduleFiles, bytes, log };
  } finally {
    internals.setPrinter(null);
    await tempDirManager.cleanup();
  }
}

export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

async function main(argv: string[]): Promise<void> {
  const projectDir = fileURLToPath(new URL('..', import.meta.url));
  const list = argv.includes('--list');
  const verbose = argv.includes('--verbose');
  const plan = await planAsar({ projectDir });
  const appBytes = plan.appFiles.reduce((sum, file) => sum + file.bytes, 0);
  const moduleBytes = plan.bytes - appBytes;
  if (verbose) for (const line of plan.log) console.log(line);
  if (list) {
    for (const file of [...plan.appFiles, ...plan.moduleFiles]) {
      console.log(`${file.bytes}\t${file.path}`);
    }
  }
  const names = [...new Set(plan.modules.map((module) => module.name))].sort();
  console.log(
    `app.asar (${plan.platform}): ${megabytes(plan.bytes)} MB in ${plan.appFiles.length + plan.moduleFiles.length} files`,
  );
  console.log(`  app files:    ${megabytes(appBytes)} MB (${plan.appFiles.length} files)`);
  console.log(
    `  node_modules: ${megabytes(moduleBytes)} MB (${names.length} packages: ${names.join(', ') || 'none'})`,
  );
  if (!existsSync(path.join(projectDir, 'dist', 'electron'))) {
    console.log('  note: dist/electron is not built (npm run build): the app files are incomplete');
  }
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`asar plan: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
