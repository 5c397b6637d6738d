// Resolves once the page has painted its first content and the browser is idle: work the first
// screen does not need (seeding the bundled templates: ~400 KB of YAML and a 230 KB validator)
// starts then, so the first page neither fetches nor runs it before the user sees something.
const FIRST_PAINT = 'first-contentful-paint';
/** A page that never paints content (a hidden tab) still gets its work done after this long. */
const LATEST_START_MS = 3000;

function hasPainted(): boolean {
  return performance.getEntriesByName(FIRST_PAINT).length > 0;
}

function firstContentfulPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof PerformanceObserver === 'undefined' || hasPainted()) return resolve();
    const timer = setTimeout(done, LATEST_START_MS);
    const observer = new PerformanceObserver(() => {
      if (hasPainted()) done();
    });
    function done(): void {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    }
    observer.observe({ type: 'paint', buffered: true });
  });
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: LATEST_START_MS });
    else setTimeout(resolve, 0);
  });
}

export async function afterFirstPaint(): Promise<void> {
  await firstContentfulPaint();
  await idle();
}
