// @vitest-environment jsdom
// The run toolbar's Undo and Status digest buttons name their keys in a tooltip (issue 16 point 5),
// like the item's Done / N/A / Blocked buttons: shown when the button gets keyboard focus.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { reactHarness } from './react-harness';
import { renderRunToolbar } from './run-toolbar-harness';

const harness = reactHarness();
const renderToolbar = () => renderRunToolbar(harness);

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
