// What each menu command means in the renderer, on each screen (renderer/features/desktop/
// menu-command-plan.ts), and that the preload only ever passes known commands to the page.
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, isMenuCommand } from '../../../electron/common/ipc-contract';
import type { MenuCommand } from '../../../electron/common/ipc-contract';
import {
  planMenuCommand,
  type MenuCommandPlan,
} from '../../../renderer/features/desktop/menu-command-plan';
import { en } from '../../../renderer/i18n/locales/en';

describe('planMenuCommand', () => {
  it.each(['/runs', '/runs/abc', '/templates', '/settings', '/review/r-1/2', '/'])(
    'New run on %s goes to the runs list with the new-run dialog open',
    (pathname) => {
      expect(planMenuCommand('new-run', pathname)).toEqual({ kind: 'new-run', path: '/runs' });
    },
  );

  it.each([
    ['import-template', '/templates', 'templates.import.action'],
    ['import-report', '/review', 'review.import'],
    ['backup', '/settings', 'backup.export'],
    ['restore', '/settings', 'backup.restore'],
  ] as const)('%s goes to %s and presses the screen’s own button', (command, path, action) => {
    expect(planMenuCommand(command, '/runs/abc')).toEqual({ kind: 'press', path, action });
  });

  it('presses buttons whose labels exist in the English strings', () => {
    const lookup = (key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en);
    for (const command of ['import-template', 'import-report', 'backup', 'restore'] as const) {
      const plan = planMenuCommand(command, '/');
      if (plan.kind !== 'press') throw new Error(`${command} does not press a button`);
      expect(typeof lookup(plan.action), plan.action).toBe('string');
    }
  });

  it('exports the PDF of the run on screen', () => {
    expect(planMenuCommand('export-pdf', '/runs/0b7e4a52-8c1d')).toEqual({
      kind: 'export-pdf',
      report: { runId: '0b7e4a52-8c1d' },
    });
  });

  it('exports the PDF of the report under review', () => {
    expect(planMenuCommand('export-pdf', '/review/r%20one/3')).toEqual({
      kind: 'export-pdf',
      report: { reportId: 'r one', revision: 3 },
    });
  });

  it.each(['/runs', '/templates', '/review', '/settings', '/review/abc/0'])(
    'explains on %s that there is no report to export',
    (pathname) => {
      expect(planMenuCommand('export-pdf', pathname)).toEqual({
        kind: 'explain',
        messageKey: 'desktop.menu.noReport',
      });
    },
  );

  it('has the expected plan for every command on a run (a new command must be added here)', () => {
    const expected: Record<MenuCommand, MenuCommandPlan> = {
      'new-run': { kind: 'new-run', path: '/runs' },
      'import-template': { kind: 'press', path: '/templates', action: 'templates.import.action' },
      'import-report': { kind: 'press', path: '/review', action: 'review.import' },
      'export-pdf': { kind: 'export-pdf', report: { runId: 'x' } },
      backup: { kind: 'press', path: '/settings', action: 'backup.export' },
      restore: { kind: 'press', path: '/settings', action: 'backup.restore' },
    };
    for (const command of MENU_COMMANDS) {
      expect(planMenuCommand(command, '/runs/x'), command).toEqual(expected[command]);
    }
  });
});

describe('isMenuCommand', () => {
  it('accepts the commands and nothing else', () => {
    for (const command of MENU_COMMANDS) expect(isMenuCommand(command)).toBe(true);
    for (const value of ['quit', '', 'NEW-RUN', 42, null, undefined, { command: 'new-run' }]) {
      expect(isMenuCommand(value)).toBe(false);
    }
  });
});
