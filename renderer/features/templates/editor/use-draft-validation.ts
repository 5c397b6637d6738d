// Validates the draft as the author types: a short pause after the last change, then the core's
// validator in a worker (draft-validation.worker.ts); where workers are not available (unit tests)
// on the main thread. Only the answer to the latest draft is kept.
import { useEffect, useRef, useState } from 'react';
import type { ChecklistDefinition } from '../../../../core/definitions';
import type { DraftDocument } from '../../../storage/draft-repository';
import { validateDraft, type DraftContext, type DraftValidation } from './draft-validation';
import type { ValidationRequest, ValidationResponse } from './draft-validation.worker';

/** Long enough to let a word be typed, short enough to feel live. */
const PAUSE_MS = 250;

function startWorker(onAnswer: (response: ValidationResponse) => void): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    const worker = new Worker(new URL('./draft-validation.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<ValidationResponse>) => onAnswer(event.data);
    return worker;
  } catch {
    return undefined;
  }
}

export interface DraftValidationState {
  /** Undefined until the first answer. */
  validation: DraftValidation | undefined;
  /** The definition of the latest draft that validated (what the diff shows). */
  lastValid: ChecklistDefinition | undefined;
  /** True while a newer draft than the one validated waits for its answer. */
  isChecking: boolean;
}

export function useDraftValidation(
  draft: DraftDocument | undefined,
  context: DraftContext,
): DraftValidationState {
  const [state, setAnswer] = useState<
    { seq: number; validation: DraftValidation; lastValid?: ChecklistDefinition } | undefined
  >();
  const setState = (answer: { seq: number; validation: DraftValidation }) =>
    setAnswer((previous) => ({
      ...answer,
      lastValid: answer.validation.definition ?? previous?.lastValid,
    }));
  const [asked, setAsked] = useState(0);
  const seqRef = useRef(0);
  const workerRef = useRef<Worker | undefined>(undefined);
  const isWorkerBrokenRef = useRef(false);
  const lastAskedRef = useRef<{ seq: number; draft: DraftDocument; context: DraftContext }>(
    undefined,
  );
  const versionsKey = context.publishedVersions.join(',');

  useEffect(() => {
    const accept = (response: ValidationResponse) => {
      if (response.seq === seqRef.current) {
        setState({ seq: response.seq, validation: response.result });
      }
    };
    workerRef.current = startWorker(accept);
    if (workerRef.current) {
      // A worker that cannot start or fails: validate here from now on, starting with the latest.
      workerRef.current.onerror = () => {
        isWorkerBrokenRef.current = true;
        const last = lastAskedRef.current;
        if (last !== undefined && last.seq === seqRef.current) {
          setState({ seq: last.seq, validation: validateDraft(last.draft, last.context) });
        }
      };
    }
    return () => {
      workerRef.current?.terminate();
      workerRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (draft === undefined) return;
    const seq = seqRef.current + 1;
    seqRef.current = seq;
    setAsked(seq);
    const publishedVersions = versionsKey === '' ? [] : versionsKey.split(',');
    const timer = setTimeout(() => {
      const worker = workerRef.current;
      const request: ValidationRequest = { seq, draft, context: { publishedVersions } };
      lastAskedRef.current = request;
      if (worker !== undefined && !isWorkerBrokenRef.current) {
        worker.postMessage(request);
      } else if (seq === seqRef.current) {
        setState({ seq, validation: validateDraft(draft, request.context) });
      }
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, versionsKey]);

  return {
    validation: state?.validation,
    lastValid: state?.lastValid,
    isChecking: state === undefined || state.seq !== asked,
  };
}
