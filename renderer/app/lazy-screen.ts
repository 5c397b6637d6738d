// A route whose screen is loaded on first use (React Router's `lazy`): the screen's module becomes
// its own chunk, so a page does not wait for the code of the screens it does not show.
import type { ComponentType } from 'react';
import type { LazyRouteFunction, RouteObject } from 'react-router';

/** The route's Component is the export `name` of the module `load` imports. */
export function lazyScreen<M>(
  load: () => Promise<M>,
  name: keyof M & string,
): LazyRouteFunction<RouteObject> {
  return async () => ({ Component: (await load())[name] as ComponentType });
}
