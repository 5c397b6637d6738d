// Acts on the application menu's commands (electron/main/app-menu.ts) in the window that got them:
// menu-command-plan.ts decides what a command means on the current screen, this hook does it.
// Web mode never receives a command (the web bridge's onMenuCommand is a no-op).
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '../../../electron/common/ipc-contract';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { planMenuCommand, type MenuCommandPlan } from './menu-command-plan';
import { useDesktopStore } from './use-desktop-store';

const PRESS_TIMEOUT_MS = 3000;

/**
 * Presses the enabled button of the main area whose text is `label`, once the screen shows it
 * (after a navigation it takes a render or two). React Aria's buttons treat element.click() as a
 * keyboard press, so the screen runs its own action with its own feedback. False when none shows.
 */
export async function pressScreenButton(
  label: string,
  timeoutMs: number = PRESS_TIMEOUT_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const button = [...document.querySelectorAll<HTMLButtonElement>('#main button')].find(
      (element) => element.textContent?.trim() === label && !element.disabled,
    );
    if (button) {
      button.focus();
      button.click();
      return true;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function useMenuCommands(): void {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { t, i18n } = useTranslation();
  const notify = useDesktopStore((state) => state.notify);
  const setNewRunOpen = useDesktopStore((state) => state.setNewRunOpen);
  // The latest of everything the listener needs, so it subscribes once and never sees stale values.
  const latest = useRef({ navigate, pathname, t, language: i18n.language, notify, setNewRunOpen });
  useEffect(() => {
    latest.current = { navigate, pathname, t, language: i18n.language, notify, setNewRunOpen };
  });

  useEffect(() => {
    async function exportPdf(report: Extract<MenuCommandPlan, { kind: 'export-pdf' }>['report']) {
      const { t, language, notify } = latest.current;
      const row =
        'runId' in report
          ? await services.reports.latestForRun(report.runId)
          : await services.reports.get(report.reportId, report.revision);
      if (!row) {
        notify('bad', t('runId' in report ? 'desktop.menu.notSigned' : 'desktop.menu.noReport'));
        return;
      }
      try {
        // Loaded when used: the PDF code (pdf-lib) is not part of the first page's.
        const { exportReportPdf } = await import('../signoff/report-export');
        const result = await exportReportPdf(row, language);
        if (result.saved)
          notify('ok', t('desktop.menu.exported', { location: result.location ?? '' }));
      } catch (error) {
        notify('bad', t('desktop.menu.exportFailed', { reason: (error as Error).message }));
      }
    }

    async function run(command: MenuCommand) {
      const { navigate, pathname, t, notify, setNewRunOpen } = latest.current;
      const plan = planMenuCommand(command, pathname);
      switch (plan.kind) {
        case 'new-run':
          if (pathname !== plan.path) await navigate(plan.path);
          setNewRunOpen(true);
          return;
        case 'press':
          if (pathname !== plan.path) await navigate(plan.path);
          await pressScreenButton(t(plan.action));
          return;
        case 'export-pdf':
          await exportPdf(plan.report);
          return;
        case 'explain':
          notify('bad', t(plan.messageKey));
          return;
      }
    }

    return bridge.onMenuCommand((command) => {
      run(command).catch((error: unknown) =>
        console.error(`menu command ${command} failed`, error),
      );
    });
  }, []);
}
