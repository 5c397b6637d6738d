// The product's screens, in navigation order. Adding a screen: add it here and in routes.tsx.
import {
  BarChart3,
  FileStack,
  ListChecks,
  RefreshCw,
  Settings,
  ShieldCheck,
  type LucideIcon,
} from 'lucide-react';

export interface NavigationEntry {
  path: string;
  labelKey: 'runs' | 'templates' | 'sync' | 'review' | 'compare' | 'settings';
  icon: LucideIcon;
}

export const NAVIGATION: readonly NavigationEntry[] = [
  { path: '/runs', labelKey: 'runs', icon: ListChecks },
  { path: '/templates', labelKey: 'templates', icon: FileStack },
  { path: '/sync', labelKey: 'sync', icon: RefreshCw },
  { path: '/review', labelKey: 'review', icon: ShieldCheck },
  { path: '/compare', labelKey: 'compare', icon: BarChart3 },
  { path: '/settings', labelKey: 'settings', icon: Settings },
];
