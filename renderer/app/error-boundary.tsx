// Catches render errors so one broken screen never blanks the app; says what happened and that
// saved work is safe, with the technical details one click away for a bug report.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return <ErrorPanel error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}

export function ErrorPanel({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <section role="alert" className="error-panel">
      <TriangleAlert aria-hidden size={32} />
      <h1>{t('errors.title')}</h1>
      <p>{t('errors.body')}</p>
      <p className="error-message">{error.message}</p>
      <details>
        <summary>{t('errors.details')}</summary>
        <pre>{error.stack}</pre>
      </details>
      <div className="button-row">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('errors.tryAgain')}
          </button>
        )}
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </button>
      </div>
    </section>
  );
}
