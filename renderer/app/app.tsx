// The root: first run until the device has a profile, then the routed app.
import { RouterProvider } from 'react-router';
import { useProfile } from '../features/profile/use-profile';
import { FirstRunScreen } from '../features/profile/first-run-screen';
import { createAppRouter } from './routes';
import { markOnce } from './startup-marks';

markOnce('app:modules');

export function App() {
  const profile = useProfile();
  if (profile !== undefined) markOnce('app:profile');
  if (profile === undefined) return <div className="loading" aria-busy="true" />;
  if (profile === null) return <FirstRunScreen />;
  return <RouterProvider router={router} />;
}

const router = createAppRouter();
