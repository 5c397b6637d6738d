// A tooltip that names an action's keyboard shortcut on hover and keyboard focus ("Done · x"), so
// the shortcuts are found where the actions are, not only in the `?` overlay (issue 16, point 5).
// The child must be a React Aria Button (TooltipTrigger needs a focusable trigger).
import type { ReactElement } from 'react';
import { Tooltip, TooltipTrigger } from 'react-aria-components';
import './key-tooltip.css';

export function KeyTooltip({
  label,
  shortcut,
  children,
}: {
  label: string;
  /** The key as printed on the keyboard: "x", "?", "Ctrl+Z". */
  shortcut: string;
  children: ReactElement;
}) {
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      {children}
      <Tooltip className="key-tooltip" offset={6}>
        {label} <kbd>{shortcut}</kbd>
      </Tooltip>
    </TooltipTrigger>
  );
}
