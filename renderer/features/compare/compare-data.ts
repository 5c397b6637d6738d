// Where the Compare dashboard's data comes from: the hub's progress list (GET /v1/progress, fetched
// when the screen opens and on Refresh, over the sync feature's transport and hub connection) kept
// in the settings table with its fetch time so the dashboard works offline ("as of <time>"), the
// signed reports in db.signedReports (pulled from the hub by sync, verified on pull; local and
// imported ones too) and the definitions catalog from db.definitions.
// The hub scopes the progress list to what the viewer may see (the head: all offices; a supervisor:
// their offices), so nothing is filtered again here.
import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ProgressListResponse, ProgressRunEntry } from '../../../core/sync';
import { PATHS, readJson, TransportError } from '../../../core/sync';
import type { SignedReport } from '../../../core/reports';
import type { ChecklistDefinition } from '../../../core/definitions/schema';
import { services } from '../../app/services';
import type { GoLiveDatabase } from '../../storage/database';
import { createFetchTransport } from '../../sync/fetch-transport';
import { readHubConnection, type HubConnection } from '../../sync/hub-connection';

export const PROGRESS_CACHE_KEY = 'compare.progress';
const REQUEST_TIMEOUT_MS = 20_000;

export interface CachedProgress {
  hubUrl: string;
  fetchedAt: string;
  runs: ProgressRunEntry[];
}

function isCachedProgress(value: unknown): value is CachedProgress {
  if (typeof value !== 'object' || value === null) return false;
  const { hubUrl, fetchedAt, runs } = value as Record<string, unknown>;
  return typeof hubUrl === 'string' && typeof fetchedAt === 'string' && Array.isArray(runs);
}

export async function readCachedProgress(db: GoLiveDatabase): Promise<CachedProgress | undefined> {
  const row = await db.settings.get(PROGRESS_CACHE_KEY);
  return isCachedProgress(row?.value) ? row.value : undefined;
}

export type FetchOutcome =
  | { ok: true; cached: CachedProgress }
  | { ok: false; problem: 'unreachable' | 'refused'; message: string };

/** Fetches the hub's progress list and caches it; the cache stays as it was on failure. */
export async function refreshProgress(
  db: GoLiveDatabase,
  connection: HubConnection,
  now: () => Date = () => new Date(),
): Promise<FetchOutcome> {
  const transport = createFetchTransport({
    baseUrl: connection.hubUrl,
    token: connection.deviceToken,
  });
  try {
    const response = await transport({
      method: 'GET',
      path: PATHS.progress,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    if (response.status !== 200) {
      return { ok: false, problem: 'refused', message: `HTTP ${response.status}` };
    }
    const body = readJson(response) as Partial<ProgressListResponse> | undefined;
    if (!body || !Array.isArray(body.runs)) {
      return { ok: false, problem: 'refused', message: 'unexpected answer' };
    }
    const cached: CachedProgress = {
      hubUrl: connection.hubUrl,
      fetchedAt: now().toISOString(),
      runs: body.runs,
    };
    await db.settings.put({ key: PROGRESS_CACHE_KEY, value: cached });
    return { ok: true, cached };
  } catch (error) {
    if (error instanceof TransportError) {
      return { ok: false, problem: 'unreachable', message: error.message };
    }
    throw error;
  }
}

export type RefreshState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; problem: 'unreachable' | 'refused'; message: string };

export interface CompareData {
  /** Undefined while loading. */
  connection: HubConnection | null | undefined;
  progress: CachedProgress | undefined;
  reports: SignedReport[] | undefined;
  definitions: ChecklistDefinition[] | undefined;
  refresh: RefreshState;
  onRefresh: () => void;
}

export function useCompareData(): CompareData {
  const { db } = services;
  const connection = useLiveQuery(async () => (await readHubConnection(db)) ?? null, [db]);
  const cached = useLiveQuery(() => readCachedProgress(db), [db]);
  const reports = useLiveQuery(
    async () => (await db.signedReports.toArray()).map((row) => row.signed),
    [db],
  );
  const definitions = useLiveQuery(
    async () => (await db.definitions.toArray()).map((row) => row.definition),
    [db],
  );
  const [refresh, setRefresh] = useState<RefreshState>({ kind: 'idle' });

  const onRefresh = useCallback(() => {
    void (async () => {
      const current = await readHubConnection(db);
      if (!current) return;
      setRefresh({ kind: 'loading' });
      try {
        const outcome = await refreshProgress(db, current);
        setRefresh(outcome.ok ? { kind: 'idle' } : { kind: 'failed', ...outcome });
      } catch (error) {
        setRefresh({
          kind: 'failed',
          problem: 'refused',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    })();
  }, [db]);

  // Fetch once when the screen opens (and when a hub gets connected while it is open).
  const hubUrl = connection?.hubUrl;
  useEffect(() => {
    if (hubUrl !== undefined) onRefresh();
  }, [hubUrl, onRefresh]);

  // A cache from another hub (the device was re-enrolled elsewhere) is not shown.
  const progress =
    cached !== undefined && connection && cached.hubUrl === connection.hubUrl ? cached : undefined;
  return { connection, progress, reports, definitions, refresh, onRefresh };
}
