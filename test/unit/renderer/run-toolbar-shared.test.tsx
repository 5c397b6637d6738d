// @vitest-environment jsdom
// A shared run's toolbar has the department chain tab more; the status digest and the shortcuts
// help move into a "More actions" menu there (React Aria), so the toolbar stays on one row at
// 1366 px. A local run's toolbar keeps its buttons.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Tabs } from 'react-aria-components';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunToolbar } from '../../../renderer/features/runs/run-toolbar';
import { useRunUiStore } from '../../../renderer/features/runs/use-run-ui-store';
import { en } from '../../../renderer/i18n/locales/en';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
// jsdom has no CSS.escape; React Aria's menu uses it to find its items.
if (!globalThis.CSS?.escape) {
  Object.assign(globalThis, {
    CSS: { escape: (value: string) => value.replace(/([^\w-])/g, '\\$1') },
  });
}

let root: Root | undefined;
beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  useRunUiStore.getState().setDigestOpen(false);
});

function renderToolbar(isShared: boolean) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <I18nextProvider i18n={i18next}>
        <Tabs>
          <RunToolbar
            departments={[]}
            myDepartment={undefined}
            onMyDepartment={() => undefined}
            onUndo={() => undefined}
            canUndo
            isShared={isShared}
          />
        </Tabs>
      </I18nextProvider>,
    ),
  );
  return container;
}

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
    act(() => root?.unmount());
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
