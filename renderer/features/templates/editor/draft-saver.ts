// Saves the draft after every edit without piling up writes: one write at a time, and while one
// runs only the newest value waits (the ones in between are superseded, never written late over a
// newer one). `flush()` resolves once everything asked for is on disk. What a write returns is
// reported, so the editor can say when the draft is gone (discarded or published elsewhere).
export interface LatestWinsSaver<T> {
  save(value: T): void;
  /** Resolves when the last value given to save() is written (or failed). */
  flush(): Promise<void>;
}

export interface SaverOptions<T> {
  write: (value: T) => Promise<boolean>;
  /** After each write: whether it was kept, or the error. */
  onWritten?: (outcome: { ok: true; kept: boolean } | { ok: false; error: unknown }) => void;
}

export function createLatestWinsSaver<T>({
  write,
  onWritten,
}: SaverOptions<T>): LatestWinsSaver<T> {
  let pending: { value: T } | undefined;
  let running: Promise<void> | undefined;

  // The loop and the reset run without an await between the last check and `running = undefined`,
  // so a save() arriving at any moment either is seen by the loop or starts a new one.
  function start(): void {
    running = (async () => {
      try {
        while (pending !== undefined) {
          const { value } = pending;
          pending = undefined;
          try {
            const kept = await write(value);
            onWritten?.({ ok: true, kept });
          } catch (error) {
            onWritten?.({ ok: false, error });
          }
        }
      } finally {
        running = undefined;
      }
    })();
  }

  return {
    save(value) {
      pending = { value };
      if (running === undefined) start();
    },
    async flush() {
      while (running !== undefined) await running;
    },
  };
}
