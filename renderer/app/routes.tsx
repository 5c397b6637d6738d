// The screens and their URLs. Hash routing: the same build works over app://bundle and on a
// plain web server without server-side rewrites. Every screen is its own chunk, loaded when its
// route is first opened (React Router's `lazy`), so the first page does not wait for the code of
// the others: Compare brings recharts, Review pdf-lib, Templates yaml and Markdown.
import { createHashRouter, Navigate, useRouteError, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './app-shell';
import { ErrorPanel } from './error-boundary';
import { lazyScreen as screen } from './lazy-screen';
import './screen-styles';
import { templatesRoutes } from '../features/templates/templates-routes';

function RouteError() {
  const error = useRouteError();
  return <ErrorPanel error={error instanceof Error ? error : new Error(String(error))} />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="empty-state">
      <h1>{t('errors.notFound')}</h1>
      <Link to="/runs" className="button">
        {t('errors.goHome')}
      </Link>
    </section>
  );
}

export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <AppShell />,
      errorElement: <RouteError />,
      // Shown while the first screen's chunk loads (there is no server-rendered HTML to hydrate).
      hydrateFallbackElement: <div className="loading" aria-busy="true" />,
      children: [
        { index: true, element: <Navigate to="/runs" replace /> },
        {
          path: 'runs',
          lazy: screen(() => import('../features/runs/runs-list-screen'), 'RunsListScreen'),
        },
        {
          path: 'runs/:runId',
          lazy: screen(() => import('../features/runs/run-screen'), 'RunScreen'),
        },
        { path: 'templates', children: templatesRoutes },
        { path: 'sync', lazy: screen(() => import('../features/sync/sync-screen'), 'SyncScreen') },
        {
          path: 'review',
          lazy: screen(() => import('../features/review/review-screen'), 'ReviewScreen'),
        },
        {
          path: 'review/:reportId/:revision',
          lazy: screen(
            () => import('../features/review/report-review-screen'),
            'ReportReviewScreen',
          ),
        },
        {
          path: 'compare',
          lazy: screen(() => import('../features/compare/compare-screen'), 'CompareScreen'),
        },
        {
          path: 'settings',
          lazy: screen(() => import('../features/settings/settings-screen'), 'SettingsScreen'),
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
