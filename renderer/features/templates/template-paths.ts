// The URLs of the templates screens, in one place (the routes are in templates-routes.tsx).
export function versionPath(id: string, version: string): string {
  return `/templates/${encodeURIComponent(id)}/${encodeURIComponent(version)}`;
}

export function diffPath(id: string, from?: string, to?: string): string {
  const query = new URLSearchParams();
  if (from !== undefined) query.set('from', from);
  if (to !== undefined) query.set('to', to);
  const search = query.toString();
  return `/templates/${encodeURIComponent(id)}/diff${search === '' ? '' : `?${search}`}`;
}

/** The draft of a template's next version (one per template). */
export function draftPath(id: string): string {
  return `/templates/${encodeURIComponent(id)}/draft`;
}
