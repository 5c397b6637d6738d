// Turns failures of the browser's storage (IndexedDB, directly or wrapped by Dexie) into errors a
// person can act on. A failed transaction is rolled back whole, so every message can promise that
// nothing already saved was lost. Used by the run repository and backup restore.

export type StorageErrorCode = 'storage-full' | 'storage-failed';

export interface StorageError {
  code: StorageErrorCode;
  message: string;
}

/** A storage error thrown by APIs that return values rather than results (create, restore). */
export class StorageFailure extends Error {
  readonly code: StorageErrorCode;

  constructor(error: StorageError) {
    super(error.message);
    this.name = 'StorageFailure';
    this.code = error.code;
  }
}

export const STORAGE_FULL_MESSAGE =
  'The device is out of storage space: free some disk space (or remove large attachments) and try again; nothing already saved was lost.';

/** IndexedDB failures that are the device's fault, not a bug in the app. */
const STORAGE_FAILURE_NAMES = new Set([
  'UnknownError',
  'AbortError',
  'DatabaseClosedError',
  'OpenFailedError',
]);

/** Names along the error and what it wraps: Dexie's `inner`, `cause`, a bulk error's `failures`. */
function errorNames(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const record = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  const names = typeof record.name === 'string' ? [record.name] : [];
  const nested = [
    record.inner,
    record.cause,
    ...(Array.isArray(record.failures) ? record.failures : []),
  ];
  return [...names, ...nested.flatMap((inner) => errorNames(inner, depth + 1))];
}

export function isQuotaExceeded(error: unknown): boolean {
  return errorNames(error).some(
    (name) => name === 'QuotaExceededError' || name === 'QuotaExceeded',
  );
}

/** The storage error behind `error`, or undefined for anything else (a bug: let it throw). */
export function toStorageError(error: unknown): StorageError | undefined {
  if (isQuotaExceeded(error)) return { code: 'storage-full', message: STORAGE_FULL_MESSAGE };
  const names = errorNames(error);
  if (!names.some((name) => STORAGE_FAILURE_NAMES.has(name))) return undefined;
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return {
    code: 'storage-failed',
    message: `The device's storage refused the change${detail}. Nothing already saved was lost; try again, or restart the app.`,
  };
}
