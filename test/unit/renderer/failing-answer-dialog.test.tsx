// @vitest-environment jsdom
// The failing answer's dialog (features/runs/failing-answer-dialog.tsx, on the shared
// ui/reason-dialog.tsx): it names the item and its failure, marks it done anyway only with a
// reason (trimmed, sent with acceptFailing), stays open when the run refuses, and "Keep the
// previous value" gives up a refused value change so its editor shows the stored one again.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../../core/runs';
import { FailingAnswerDialog } from '../../../renderer/features/runs/failing-answer-dialog';
import { deriveRunView } from '../../../renderer/features/runs/derive-run-view';
import type { RunCommands } from '../../../renderer/features/runs/run-actions';
import {
  useFailingAnswerStore,
  type FailingAction,
} from '../../../renderer/features/runs/use-failing-answer-store';
import { definition, makeRun } from '../core/runs/fixtures';
import { buttonNamed, press, reactHarness, typeInTextArea } from './react-harness';

// Registered first, so it runs after the harness has unmounted the dialog (after-hooks run last first).
afterEach(() => useFailingAnswerStore.setState({ request: null, discarded: 0 }));
const harness = reactHarness();

const view = deriveRunView({
  run: { ...makeRun(), updatedAt: '2025-05-30T08:00:00.000Z' },
  definition,
  answers: [],
});

/** The run's commands, answering every apply with `accepts`; the actions asked are kept. */
function commandsThat(accepts: boolean) {
  const applied: Action[] = [];
  const unused = () => Promise.reject(new Error('not used by the dialog'));
  const commands: RunCommands = {
    apply: (action) => {
      applied.push(action);
      return Promise.resolve(accepts);
    },
    undo: unused,
    attach: unused,
    detach: unused,
  };
  return { commands, applied };
}

function open(action: FailingAction, commands: RunCommands): HTMLElement {
  harness.render(<FailingAnswerDialog view={view} commands={commands} />);
  act(() =>
    useFailingAnswerStore.getState().ask({
      action,
      failure: 'Marked done without a value.',
      failureDetail: { kind: 'no-value' },
    }),
  );
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the dialog did not open');
  return dialog;
}

const markDone: FailingAction = { type: 'setStatus', itemId: 'isp-lines', status: 'done' };

describe('the failing answer dialog', () => {
  it('names the item and its failure, and that a blocking item keeps the gate at NO-GO', () => {
    const dialog = open(markDone, commandsThat(true).commands);
    expect(dialog.classList.contains('failing-dialog')).toBe(true);
    expect(dialog.textContent).toContain('This answer fails its check');
    expect(dialog.textContent).toContain('ISP lines');
    expect(dialog.textContent).toContain('Failing: Marked done without a value.');
    expect(dialog.textContent).toContain('the gate stays at NO-GO');
    expect(buttonNamed(dialog, 'Keep open')).toBeDefined();
  });

  it('marks the item done anyway only with a reason, sent trimmed with acceptFailing', async () => {
    const { commands, applied } = commandsThat(true);
    const dialog = open(markDone, commands);
    await press(buttonNamed(dialog, 'Mark done anyway (failing)'));
    expect(applied).toEqual([]);
    expect(dialog.textContent).toContain('Say why, or keep it open.');
    typeInTextArea(dialog, '  The second line comes on Monday.  ');
    await press(buttonNamed(dialog, 'Mark done anyway (failing)'));
    expect(applied).toEqual([
      { ...markDone, acceptFailing: true, reason: 'The second line comes on Monday.' },
    ]);
    expect(useFailingAnswerStore.getState()).toMatchObject({ request: null, discarded: 0 });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('stays open when the run refuses the action', async () => {
    const { commands, applied } = commandsThat(false);
    const dialog = open(markDone, commands);
    typeInTextArea(dialog, 'Accepted by the office manager.');
    await press(buttonNamed(dialog, 'Mark done anyway (failing)'));
    expect(applied).toHaveLength(1);
    expect(useFailingAnswerStore.getState().request).not.toBeNull();
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
  });

  it('keeping the previous value gives the refused value up', async () => {
    const { commands, applied } = commandsThat(true);
    const change: FailingAction = {
      type: 'setValue',
      itemId: 'speed-test',
      value: { type: 'number', value: 10 },
    };
    const dialog = open(change, commands);
    expect(dialog.textContent).toContain('keeping this value means it is done while failing');
    await press(buttonNamed(dialog, 'Keep the previous value'));
    expect(applied).toEqual([]);
    expect(useFailingAnswerStore.getState()).toMatchObject({ request: null, discarded: 1 });
  });
});
