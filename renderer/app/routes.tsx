// The screens and their URLs. Hash routing: the same build works over app://bundle and on a
// plain web server without server-side rewrites.
import { createHashRouter, Navigate, useRouteError, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './app-shell';
import { ErrorPanel } from './error-boundary';
import { SettingsScreen } from '../features/settings/settings-screen';
import { SyncScreen } from '../features/sync/sync-screen';
import { templatesRoutes } from '../features/templates/templates-routes';
import { RunsListScreen } from '../features/runs/runs-list-screen';
import { RunScreen } from '../features/runs/run-screen';
import { ReviewScreen } from '../features/review/review-screen';
import { ReportReviewScreen } from '../features/review/report-review-screen';
import { CompareScreen } from '../features/compare/compare-screen';

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
      children: [
        { index: true, element: <Navigate to="/runs" replace /> },
        { path: 'runs', element: <RunsListScreen /> },
        { path: 'runs/:runId', element: <RunScreen /> },
        { path: 'templates', children: templatesRoutes },
        { path: 'sync', element: <SyncScreen /> },
        { path: 'review', element: <ReviewScreen /> },
        { path: 'review/:reportId/:revision', element: <ReportReviewScreen /> },
        { path: 'compare', element: <CompareScreen /> },
        { path: 'settings', element: <SettingsScreen /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
