// Is this hub ready for traffic? The store must answer within a deadline, and every migration
// this hub knows must be applied (migrations a newer hub applied, unknown to this one, are not
// judged here). The query is the migrator's own list of applied migrations, so one round trip proves both
// "the database answers" and "the schema is the one this code expects".
//
// One check at a time: probes that arrive while a check is running wait for that check (each with
// its own deadline), so a database that hangs never collects a pile of queries from the probes.
import { hubMigrations } from '../store/migrate';
import type { HubStore } from '../store/hub-store';

export type Readiness =
  | { ready: true; engine: string; migrations: number; checkedInMs: number }
  | { ready: false; engine: string; reason: string };

export const DEFAULT_READINESS_DEADLINE_MS = 2_000;

type Check = { ok: true; applied: Set<number> } | { ok: false; error: string };

export class ReadinessProbe {
  private running: Promise<Check> | undefined;

  constructor(
    private readonly store: HubStore,
    private readonly deadlineMs = DEFAULT_READINESS_DEADLINE_MS,
  ) {}

  private check(): Promise<Check> {
    this.running ??= this.store
      .appliedMigrations()
      .then(
        (applied): Check => ({ ok: true, applied: new Set(applied.map((m) => m.version)) }),
        (error: unknown): Check => ({
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async probe(): Promise<Readiness> {
    const engine = this.store.engine;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.deadlineMs);
    });
    const result = await Promise.race([this.check(), late]).finally(() => clearTimeout(timer));
    if (result === 'late') {
      return {
        ready: false,
        engine,
        reason: `The ${engine} store did not answer within ${this.deadlineMs} ms.`,
      };
    }
    if (!result.ok) {
      return { ready: false, engine, reason: `The ${engine} store failed: ${result.error}` };
    }
    const missing = hubMigrations().filter((migration) => !result.applied.has(migration.version));
    if (missing.length > 0) {
      const names = missing.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
      return {
        ready: false,
        engine,
        reason: `The ${engine} store lacks migrations ${names.join(', ')}: restart the hub to apply them.`,
      };
    }
    return {
      ready: true,
      engine,
      migrations: result.applied.size,
      checkedInMs: Math.round(performance.now() - started),
    };
  }
}
