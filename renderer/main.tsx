// Renderer entry: translations first, then the app; ask once for persistent storage so the
// browser does not evict a go-live's evidence when the disk fills up.
import './app/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/i18n';
import { ErrorBoundary } from './app/error-boundary';
import { App } from './app/app';
import { AppLocaleProvider } from './ui/app-locale-provider';
import { requestPersistentStorage } from './storage/persistence';
import './app/styles.css';

async function start(): Promise<void> {
  await initI18n();
  void requestPersistentStorage().catch((error: unknown) =>
    console.warn('persist() failed', error),
  );
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary>
        <AppLocaleProvider>
          <App />
        </AppLocaleProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

void start();
