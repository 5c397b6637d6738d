// A screen whose capability has not landed yet: its title and purpose, and a plain empty state
// saying what will fill it (never fake data). Replaced screen by screen as capabilities land.
import { useTranslation } from 'react-i18next';
import type { LucideIcon } from 'lucide-react';
import { Screen } from './screen';
import { EmptyState } from './empty-state';

export type PendingScreenKey = 'sync' | 'compare';

export function PendingScreen({ screen, icon }: { screen: PendingScreenKey; icon: LucideIcon }) {
  const { t } = useTranslation();
  return (
    <Screen title={t(`${screen}.title`)} intro={t(`${screen}.intro`)}>
      <EmptyState icon={icon} title={t(`${screen}.emptyTitle`)} body={t(`${screen}.emptyBody`)} />
    </Screen>
  );
}
