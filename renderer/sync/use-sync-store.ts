// UI state of sync (zustand): whether a cycle runs and how far it is, the last cycle's result and
// the last successful sync. Durable state (the outbox, the connection, the last success) lives in
// IndexedDB; lastSuccessAt here is loaded from there at start and updated after each cycle.
import { create } from 'zustand';
import type { SyncCycleResult, SyncProgress } from '../../core/sync';

interface SyncUiState {
  isRunning: boolean;
  progress: SyncProgress | null;
  lastResult: SyncCycleResult | null;
  lastSuccessAt: string | null;
  /** A failure of the app itself during a cycle (storage, a bug), not the hub's answer. */
  lastError: string | null;
  started: () => void;
  progressed: (progress: SyncProgress) => void;
  finished: (result: SyncCycleResult | null, error?: string) => void;
  setLastSuccess: (at: string | null) => void;
}

export const useSyncStore = create<SyncUiState>()((set) => ({
  isRunning: false,
  progress: null,
  lastResult: null,
  lastSuccessAt: null,
  lastError: null,
  started: () => set({ isRunning: true, progress: null, lastError: null }),
  progressed: (progress) => set({ progress }),
  finished: (result, error) =>
    set((state) => ({
      isRunning: false,
      progress: null,
      lastResult: result ?? state.lastResult,
      lastError: error ?? null,
      lastSuccessAt: result?.outcome === 'ok' ? result.finishedAt : state.lastSuccessAt,
    })),
  setLastSuccess: (at) => set({ lastSuccessAt: at }),
}));
