// The hub's deployment files agree with the build they deploy: hub/Dockerfile copies what exists and
// what its ignore file lets through, installs only the hub workspace's production dependencies, runs
// the file `npm run build:hub` writes as an unprivileged user; the systemd unit runs that file too,
// sandboxed, with its state folder the only writable path. (Docker and systemd cannot run here:
// `systemd-analyze verify` and `security --offline` were run by hand, see docs/hub.md.)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../../core/sync/wire-protocol';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const BUILT_HUB = 'dist/hub/main.js';

/** Dockerfile instructions per stage, continuation lines joined, comments dropped. */
function dockerStages(text: string): { from: string; name: string; lines: string[] }[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { from: string; name: string; lines: string[] }[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1] as string, name: from[2] ?? '', lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

describe('hub/Dockerfile', () => {
  const text = read('hub/Dockerfile');
  const stages = dockerStages(text);
  const runtime = stages.at(-1) as { from: string; name: string; lines: string[] };

  it('builds in one stage, installs production dependencies in another, runs in a slim one', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'deps', 'runtime']);
    expect(text).toMatch(/^ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim$/m);
    expect(runtime.from).toBe('${NODE_RUNTIME_IMAGE}');
    const build = stages[0]?.lines.join('\n') ?? '';
    expect(build).toMatch(/^RUN node cli\/build-hub\.mjs$/m);
    const deps = stages[1]?.lines.join('\n') ?? '';
    expect(deps).toMatch(/^RUN npm ci --omit=dev --workspace hub\b/m);
    expect(runtime.lines).toEqual(
      expect.arrayContaining([
        'COPY --from=deps /app/node_modules node_modules',
        `COPY --from=build /src/${path.posix.dirname(BUILT_HUB)} ${path.posix.dirname(BUILT_HUB)}`,
      ]),
    );
  });

  it('runs the built hub with node as an unprivileged user, with a health check', () => {
    const user = runtime.lines.find((line) => line.startsWith('USER '));
    expect(user).toBe('USER golive:golive');
    const entry = runtime.lines.find((line) => line.startsWith('ENTRYPOINT '));
    expect(JSON.parse(entry?.slice('ENTRYPOINT '.length) ?? '[]')).toEqual([
      'node',
      '--enable-source-maps',
      BUILT_HUB,
    ]);
    const userAt = runtime.lines.indexOf(user as string);
    expect(userAt).toBeLessThan(runtime.lines.indexOf(entry as string));
    expect(runtime.lines.find((line) => line.startsWith('HEALTHCHECK'))).toContain(PATHS.health);
  });

  it('copies only files that exist and that its ignore file lets through', () => {
    const ignored = read('hub/Dockerfile.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const sources = stages
      .flatMap((stage) => stage.lines)
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'hub/package.json', 'core/']),
    );
    for (const source of sources) {
      expect(existsSync(path.join(root, source)), source).toBe(true);
      const top = source.split('/')[0] as string;
      expect(ignored, `${source} is not ignored`).not.toContain(top);
      expect(ignored, `${source} is not ignored`).not.toContain(source.replace(/\/$/, ''));
    }
  });
});

describe('hub/deploy/golive-hub.service', () => {
  const settings = new Map<string, string[]>();
  for (const line of read('hub/deploy/golive-hub.service').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match)
      settings.set(match[1] as string, [
        ...(settings.get(match[1] as string) ?? []),
        match[2] as string,
      ]);
  }
  const one = (key: string): string | undefined => settings.get(key)?.at(-1);

  it('runs the built hub with node as its own user', () => {
    expect(one('ExecStart')).toBe(
      `/usr/bin/node --enable-source-maps /opt/golive-hub/${BUILT_HUB} serve`,
    );
    expect(one('User')).toBe('golive-hub');
    expect(read('hub/deploy/golive-hub.sysusers.conf')).toMatch(/^u golive-hub - /m);
  });

  it('is sandboxed: read-only system, its state folder writable, no new privileges', () => {
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('StateDirectory')).toBe('golive-hub');
    expect(one('ReadWritePaths')).toBe('/var/lib/golive-hub');
    expect(one('Environment')).toContain('HUB_DATA_DIR=/var/lib/golive-hub');
    expect(one('Environment')).toContain('HUB_HOST=127.0.0.1');
  });
});
