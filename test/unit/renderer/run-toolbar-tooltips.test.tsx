// @vitest-environment jsdom
// The run toolbar's Undo and Status digest buttons name their keys in a tooltip (issue 16 point 5),
// like the item's Done / N/A / Blocked buttons: shown when the button gets keyboard focus.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Tabs } from 'react-aria-components';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunToolbar } from '../../../renderer/features/runs/run-toolbar';
import { en } from '../../../renderer/i18n/locales/en';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

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
});

function renderToolbar() {
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
          />
        </Tabs>
      </I18nextProvider>,
    ),
  );
  return container;
}

/** Moves keyboard focus to the button named `name`, as Tab does. */
function focusByKeyboard(container: HTMLElement, name: string) {
  const button = [...container.querySelectorAll('button')].find((element) =>
    element.textContent?.includes(name),
  );
  if (!button) throw new Error(`no button ${name}`);
  act(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    button.focus();
  });
}

function tooltip(): string | null | undefined {
  return document.querySelector('[role="tooltip"]')?.textContent;
}

describe('the run toolbar', () => {
  it('names the keys of Undo and Status digest in a tooltip', () => {
    const container = renderToolbar();
    expect(tooltip()).toBeUndefined();
    focusByKeyboard(container, 'Undo');
    expect(tooltip()).toBe('Keyboard shortcut u / Ctrl+Z');
    focusByKeyboard(container, 'Status digest');
    expect(tooltip()).toBe('Keyboard shortcut d');
  });
});
