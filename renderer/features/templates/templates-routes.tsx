// The templates screens under /templates: the list, one version, the comparison of two
// versions, and the editor of a template's next version (its draft). Mounted by renderer/app/routes.tsx; URLs are built by template-paths.ts.
// Each screen loads when opened (its chunk brings yaml and Markdown).
import { Navigate, useParams, type RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';
import { useDefinitionVersions } from './use-definitions';
import { versionPath } from './template-paths';

/** /templates/:id opens the newest version. */
function LatestVersion() {
  const { id = '' } = useParams();
  const versions = useDefinitionVersions(id);
  if (versions === undefined) return <div className="loading" aria-busy="true" />;
  const latest = versions[0];
  return <Navigate to={latest ? versionPath(id, latest.version) : '/templates'} replace />;
}

export const templatesRoutes: RouteObject[] = [
  { index: true, lazy: lazyScreen(() => import('./templates-screen'), 'TemplatesScreen') },
  { path: ':id', element: <LatestVersion /> },
  {
    path: ':id/diff',
    lazy: lazyScreen(() => import('./definition-diff-screen'), 'DefinitionDiffScreen'),
  },
  {
    path: ':id/draft',
    lazy: lazyScreen(() => import('./editor/template-editor-screen'), 'TemplateEditorScreen'),
  },
  {
    path: ':id/:version',
    lazy: lazyScreen(() => import('./definition-detail-screen'), 'DefinitionDetailScreen'),
  },
];
