// UI state of the failing-answer dialog (zustand): the action the core refused because the value
// fails its check ('value-failing'), waiting for the administrator's choice. Nothing durable here.
import { create } from 'zustand';
import type { Action, Failure } from '../../../core/runs';

/** The two actions the core refuses on a failing value (status-rules.ts). */
export type FailingAction = Extract<Action, { type: 'setStatus' | 'setValue' }>;

export interface FailingRequest {
  action: FailingAction;
  failure: string;
  failureDetail: Failure;
}

interface FailingAnswerState {
  request: FailingRequest | null;
  /** +1 each time a changed value is not kept, so its editor shows the stored value again. */
  discarded: number;
  ask: (request: FailingRequest) => void;
  /** Closes the dialog; `isDiscarded` when the refused value is given up. */
  close: (isDiscarded: boolean) => void;
}

export const useFailingAnswerStore = create<FailingAnswerState>()((set) => ({
  request: null,
  discarded: 0,
  ask: (request) => set({ request }),
  close: (isDiscarded) =>
    set((state) => ({
      request: null,
      discarded: isDiscarded ? state.discarded + 1 : state.discarded,
    })),
}));

export function isFailingAction(action: Action): action is FailingAction {
  return action.type === 'setStatus' || action.type === 'setValue';
}
