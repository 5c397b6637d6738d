// What a screen shows when it has nothing yet: say so plainly, never fake data.
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  body: string;
  children?: ReactNode;
}

export function EmptyState({ icon: Icon, title, body, children }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <Icon aria-hidden size={36} strokeWidth={1.5} />
      <h2>{title}</h2>
      <p className="muted">{body}</p>
      {children}
    </section>
  );
}
