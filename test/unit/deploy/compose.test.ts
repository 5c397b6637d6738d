// hub/compose.yaml as Docker Compose would read it: valid against the Compose Specification's own
// JSON schema (test/fixtures/compose-spec/, since Docker cannot run here), a hub and a PostgreSQL
// with health checks, the hub started only once the database is healthy, the database's data in a
// named volume, the hub reachable from the host's loopback only, and a build that names the
// Dockerfile beside it.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PATHS } from '../../../core/sync/wire-protocol';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const composeFile = path.join(root, 'hub', 'compose.yaml');
const compose = parse(readFileSync(composeFile, 'utf8')) as Record<string, unknown>;
const { $schema: draft, ...schema } = JSON.parse(
  readFileSync(path.join(root, 'test', 'fixtures', 'compose-spec', 'compose-spec.json'), 'utf8'),
) as { $schema: string };
// Draft-07, named by an https URL Ajv does not list (Ajv's draft-07 is its default); annotations
// Ajv does not know (deprecated) are allowed.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string; interval?: string; retries?: number };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
}
const services = (compose.services ?? {}) as Record<string, Service>;
const hub = services.hub as Service;
const postgres = services.postgres as Service;

describe('hub/compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(draft).toBe('https://json-schema.org/draft-07/schema');
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    // And the schema bites: a misspelt key is refused.
    expect(validate({ services: { hub: { ...hub, healthchek: hub.healthcheck } } })).toBe(false);
  });

  it('runs the hub and PostgreSQL, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['hub', 'postgres']);
    expect(postgres.healthcheck?.test).toEqual([
      'CMD-SHELL',
      'pg_isready --username=golive --dbname=golive',
    ]);
    const hubCheck = (hub.healthcheck?.test ?? []) as string[];
    expect(hubCheck[0]).toBe('CMD');
    expect(hubCheck.join(' ')).toContain(`http://127.0.0.1:8787${PATHS.health}`);
    expect(hub.environment?.HUB_PORT).toBe('8787');
  });

  it('starts the hub once PostgreSQL is healthy, and points it there', () => {
    expect(hub.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(hub.environment?.HUB_DATABASE_URL).toMatch(
      /^postgres:\/\/golive:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/golive$/,
    );
    // Compose refuses to start without a password instead of using an empty one.
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it("keeps PostgreSQL's data in a named volume", () => {
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys((compose.volumes ?? {}) as object)).toEqual(['postgres-data']);
  });

  it('publishes only the hub, on the host loopback, with the container locked down', () => {
    expect(postgres.ports).toBeUndefined();
    expect(hub.ports).toEqual(['127.0.0.1:${HUB_HOST_PORT:-8787}:8787']);
    expect(hub.read_only).toBe(true);
    expect(hub.cap_drop).toEqual(['ALL']);
    expect(hub.security_opt).toEqual(['no-new-privileges:true']);
  });

  it('builds the image from the repository root with hub/Dockerfile', () => {
    const context = path.resolve(path.dirname(composeFile), hub.build?.context ?? '');
    expect(context).toBe(path.resolve(root));
    expect(existsSync(path.join(context, hub.build?.dockerfile ?? ''))).toBe(true);
  });
});
