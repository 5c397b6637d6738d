// The templates screens under /templates: the list, one version, the comparison of two
// versions, and the editor of a template's next version (its draft). Mounted by renderer/app/routes.tsx; URLs are built by template-paths.ts.
import { Navigate, useParams, type RouteObject } from 'react-router';
import { TemplatesScreen } from './templates-screen';
import { DefinitionDetailScreen } from './definition-detail-screen';
import { DefinitionDiffScreen } from './definition-diff-screen';
import { TemplateEditorScreen } from './editor/template-editor-screen';
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
  { index: true, element: <TemplatesScreen /> },
  { path: ':id', element: <LatestVersion /> },
  { path: ':id/diff', element: <DefinitionDiffScreen /> },
  { path: ':id/draft', element: <TemplateEditorScreen /> },
  { path: ':id/:version', element: <DefinitionDetailScreen /> },
];
