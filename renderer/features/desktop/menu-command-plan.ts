// What a menu command (electron/main/app-menu.ts) means on the screen the user is on: pure, so the
// mapping is tested without React (test/unit/electron/menu-commands.test.ts). A new MenuCommand
// fails to compile here until it has a plan.
import type { MenuCommand } from '../../../electron/common/ipc-contract';

/**
 * The button a plan presses after navigating: the screen's own action, found by its accessible
 * name (its translation key), so the menu runs exactly what a click on the screen runs.
 */
export type ScreenAction =
  'templates.import.action' | 'review.import' | 'backup.export' | 'backup.restore';

export type MenuCommandPlan =
  /** Go to the runs list and open the new-run dialog. */
  | { kind: 'new-run'; path: '/runs' }
  /** Go to `path` and press the screen's button for the action. */
  | { kind: 'press'; path: string; action: ScreenAction }
  /** Export the PDF of the report on screen: the run's latest revision, or the one under review. */
  | { kind: 'export-pdf'; report: { runId: string } | { reportId: string; revision: number } }
  /** Nothing to export here: say what to open. */
  | { kind: 'explain'; messageKey: 'desktop.menu.noReport' };

/** The route's ids, from a hash-router path like /runs/<id> or /review/<id>/<revision>. */
function reportOnScreen(
  pathname: string,
): { runId: string } | { reportId: string; revision: number } | null {
  const run = /^\/runs\/([^/]+)\/?$/.exec(pathname);
  if (run?.[1]) return { runId: decodeURIComponent(run[1]) };
  const review = /^\/review\/([^/]+)\/([1-9][0-9]*)\/?$/.exec(pathname);
  if (review?.[1] && review[2]) {
    return { reportId: decodeURIComponent(review[1]), revision: Number(review[2]) };
  }
  return null;
}

export function planMenuCommand(command: MenuCommand, pathname: string): MenuCommandPlan {
  switch (command) {
    case 'new-run':
      return { kind: 'new-run', path: '/runs' };
    case 'import-template':
      return { kind: 'press', path: '/templates', action: 'templates.import.action' };
    case 'import-report':
      return { kind: 'press', path: '/review', action: 'review.import' };
    case 'backup':
      return { kind: 'press', path: '/settings', action: 'backup.export' };
    case 'restore':
      return { kind: 'press', path: '/settings', action: 'backup.restore' };
    case 'export-pdf': {
      const report = reportOnScreen(pathname);
      return report === null
        ? { kind: 'explain', messageKey: 'desktop.menu.noReport' }
        : { kind: 'export-pdf', report };
    }
  }
}
