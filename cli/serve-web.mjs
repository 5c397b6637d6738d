// Web mode: serves the built renderer (dist/renderer) on 127.0.0.1 with the same security headers
// as the desktop app. Port from PORT (default 5173). Build first: npm run build:renderer.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 5173);

if (!existsSync(`${root}/dist/renderer/index.html`)) {
  console.error(
    'dist/renderer is missing: run "npm run build:renderer" (or "npm run start:web") first.',
  );
  process.exit(1);
}
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a TCP port number (1-65535), got "${process.env.PORT}".`);
  process.exit(1);
}

const server = await preview({
  root,
  configFile: `${root}/renderer/vite.config.ts`,
  logLevel: 'warn',
  preview: { host: '127.0.0.1', port, strictPort: true, open: false },
});
console.log(`Go-live Checklists (web mode) is running at http://127.0.0.1:${port}/`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
