// Installs what the tests need beyond npm packages, so a fresh machine runs `npm test` with no
// manual step: Debian's Chromium (Playwright drives it; we never download a browser), poppler-utils
// (pdftotext/pdftoppm read our PDFs back), fonts and, with --for-tests, PostgreSQL (the hub's
// suite starts a throwaway cluster). Uses apt-get when running as root on Debian; elsewhere it
// says what is missing and carries on (a developer laptop may use Playwright's browser).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const forTests = process.argv.includes('--for-tests');

const needs = [
  { check: () => existsSync('/usr/bin/chromium'), pkg: 'chromium', why: 'end-to-end tests' },
  { check: () => commandExists('pdftotext'), pkg: 'poppler-utils', why: 'reading PDFs back' },
  {
    check: () => existsSync('/usr/share/fonts/truetype/dejavu'),
    pkg: 'fonts-dejavu-core',
    why: 'PDF fonts',
  },
  // The hub's suite also runs on a throwaway PostgreSQL cluster (test/integration/hub/).
  ...(forTests
    ? [{ check: postgresInstalled, pkg: 'postgresql', why: "the hub's PostgreSQL tests" }]
    : []),
];

function postgresInstalled() {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`));
}

/** @param {string} name */
function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

const missing = needs.filter((need) => !need.check());
if (missing.length === 0) {
  console.log(`setup: system packages present (${needs.map((need) => need.pkg).join(', ')}).`);
  process.exit(0);
}

const names = missing.map((need) => need.pkg);
const canApt = process.platform === 'linux' && commandExists('apt-get') && process.getuid?.() === 0;
if (!canApt) {
  console.warn(
    `setup: missing ${names.join(', ')} (${missing.map((n) => n.why).join('; ')}). ` +
      `Install them with your package manager (Debian: sudo apt-get install -y ${names.join(' ')}).`,
  );
  process.exit(0);
}

console.log(`setup: installing ${names.join(', ')} with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
  stdio: 'inherit',
  env,
});
console.log('setup: done.');
