// Renders a component into jsdom for a component test, in English, with the app's i18next strings:
// one React root at a time, unmounted and the document emptied after each test. A test file that
// uses it starts with `// @vitest-environment jsdom` and calls reactHarness() at its top level.
// Also what such tests do in a dialog: find a button by its text, type in its text field, press.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll } from 'vitest';
import type { GateResult } from '../../../core/runs';
import { en } from '../../../renderer/i18n/locales/en';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
// jsdom has no CSS.escape; React Aria's menus use it to find their items.
if (!globalThis.CSS?.escape) {
  Object.assign(globalThis, {
    CSS: { escape: (value: string) => value.replace(/([^\w-])/g, '\\$1') },
  });
}

export interface ReactHarness {
  /** Renders `node` in a new container appended to the document; returns the container. */
  render: (node: ReactNode) => HTMLElement;
  /** Unmounts what render() rendered (also done after each test). */
  unmount: () => void;
}

export function reactHarness(): ReactHarness {
  let root: Root | undefined;
  const unmount = () => {
    act(() => root?.unmount());
    root = undefined;
  };
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({
      resources: { en: { translation: en } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
  });
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });
  return {
    render: (node) => {
      const container = document.createElement('div');
      document.body.append(container);
      const created = createRoot(container);
      root = created;
      act(() => created.render(<I18nextProvider i18n={i18next}>{node}</I18nextProvider>));
      return container;
    },
    unmount,
  };
}

/** The button inside `within` whose text is `name` (its icon aside). */
export function buttonNamed(within: HTMLElement, name: string): HTMLButtonElement {
  const buttons = [...within.querySelectorAll('button')];
  const found = buttons.find((element) => element.textContent?.trim() === name);
  if (found) return found;
  const names = buttons.map((element) => element.textContent?.trim() ?? '');
  throw new Error(`no button ${name}; there are ${names.join(', ')}`);
}

/** Types `text` into the text area inside `within`, as the user's input event would. */
export function typeInTextArea(within: HTMLElement, text: string): void {
  const field = within.querySelector('textarea');
  if (!field) throw new Error('no text area');
  // React follows the native value setter, not the property the element has.
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  act(() => {
    setValue?.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Clicks `element` and waits for what its handler starts (an action that writes) to settle. */
export async function press(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
}

/** The gate a sign-off dialog is opened with when nothing holds the go-live back. */
export const GO_GATE: GateResult = {
  decision: 'go',
  reasons: [],
  waivers: [],
  blockersRaised: 0,
  failing: [],
};
