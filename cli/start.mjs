// `npm start` (after `npm run build`): runs the desktop app when this machine has the Electron
// binary, otherwise says so in one line and serves the same build in web mode (cli/serve-web.mjs).
// Exit code and Ctrl+C/SIGTERM pass through to whichever child runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const electron = findElectronBinary();

/** @type {import('node:child_process').ChildProcess} */
let child;
if (electron.path !== null) {
  const env = { ...process.env };
  // Set by some tools (and by Electron-run scripts); it would make Electron behave as plain node.
  delete env.ELECTRON_RUN_AS_NODE;
  child = spawn(electron.path, [appDir], { cwd: appDir, stdio: 'inherit', env });
} else {
  console.log(
    `Electron binary not available on this machine (${electron.reason}); serving the same app in web mode instead.`,
  );
  child = spawn(process.execPath, [fileURLToPath(new URL('./serve-web.mjs', import.meta.url))], {
    cwd: appDir,
    stdio: 'inherit',
  });
}

/** @param {NodeJS.Signals} signal */
function forward(signal) {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}
process.on('SIGINT', forward);
process.on('SIGTERM', forward);

child.on('error', (error) => {
  console.error(`start: could not run ${child.spawnfile}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal !== null) {
    // Die of the same signal, so whoever started us sees how the child ended.
    process.removeListener('SIGINT', forward);
    process.removeListener('SIGTERM', forward);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
