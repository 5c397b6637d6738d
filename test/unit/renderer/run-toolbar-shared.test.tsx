// @vitest-environment jsdom
// A shared run's toolbar has the department chain tab more; the status digest and the shortcuts
// help move into a "More actions" menu there (React Aria), so the toolbar stays on one row at
// 1366 px. A local run's toolbar keeps its buttons.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRunUiStore } from '../../../renderer/features/runs/use-run-ui-store';
import { reactHarness } from './react-harness';
import { renderRunToolbar } from './run-toolbar-harness';

// Registered first, so it runs after the harness has unmounted the toolbar (after-hooks run last first).
afterEach(() => useRunUiStore.getState().setDigestOpen(false));
const harness = reactHarness();
const renderToolbar = (isShared: boolean) => renderRunToolbar(harness, isShared);

const buttonNames = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].map(
    (button) => button.getAttribute('aria-label') ?? button.textContent?.trim(),
  );

describe('the run toolbar of a shared run', () => {
  it('has the chain tab and a More actions menu instead of the digest and shortcuts buttons', () => {
    const shared = renderToolbar(true);
    expect([...shared.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).toEqual([
      'Checklist',
      'Waiting on',
      'Department chain',
    ]);
    expect(buttonNames(shared)).toContain('More actions');
    expect(buttonNames(shared)).not.toContain('Status digest');
    expect(buttonNames(shared)).not.toContain('Keyboard shortcuts');
    harness.unmount();
    const local = renderToolbar(false);
    expect(buttonNames(local)).toContain('Status digest');
    expect(buttonNames(local)).toContain('Keyboard shortcuts');
    expect(buttonNames(local)).not.toContain('More actions');
  });

  it('opens the status digest from the menu', () => {
    const container = renderToolbar(true);
    const more = [...container.querySelectorAll('button')].find(
      (button) => button.getAttribute('aria-label') === 'More actions',
    ) as HTMLButtonElement;
    act(() => {
      more.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'mouse' }));
      more.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, pointerType: 'mouse' }));
      more.click();
    });
    const items = [...document.querySelectorAll('[role="menuitem"]')];
    expect(items.map((item) => item.textContent)).toEqual([
      'Status digestd',
      'Keyboard shortcuts?',
    ]);
    act(() => (items[0] as HTMLElement).click());
    expect(useRunUiStore.getState().isDigestOpen).toBe(true);
  });
});
