// The frame of every screen: a heading (focused on navigation for screen readers), an intro line,
// optional actions, and the content.
import { useEffect, useRef, type ReactNode } from 'react';
import './screen.css';

interface ScreenProps {
  title: string;
  intro?: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function Screen({ title, intro, actions, children }: ScreenProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="screen">
      <header className="screen-header">
        <div>
          <h1 ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          {intro && <p className="muted">{intro}</p>}
        </div>
        {actions && <div className="screen-actions">{actions}</div>}
      </header>
      {children}
    </div>
  );
}
