// Performance marks (the browser's User Timing) of the app's start and of a run's opening: where
// the time between the navigation and the first rows goes. Cheap, kept in production builds, and
// read by test/bench/open-run.bench.ts; each is set once per page load.
export type StartupMark =
  'app:modules' | 'app:profile' | 'run:module' | 'run:read' | 'run:derived' | 'run:rendered';

export function markOnce(name: StartupMark): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
