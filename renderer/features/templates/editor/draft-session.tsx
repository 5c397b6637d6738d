// The live side of an open draft, kept apart from the editor's layout so that typing re-renders
// only what reads it: every change is saved on this device at once (one write at a time, the
// newest wins: draft-saver.ts) and validated after a short pause (use-draft-validation.ts). The
// outcome is shared through contexts: the problems (draft-problems-context.tsx) and the save state
// and the last valid definition (this module), which the header, the diff and Publish read.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import type { ChecklistDefinition } from '../../../../core/definitions';
import type { DraftDocument } from '../../../storage/draft-repository';
import { createLatestWinsSaver, type LatestWinsSaver } from './draft-saver';
import { DraftProblemsProvider } from './draft-problems-context';
import { useDraftValidation } from './use-draft-validation';
import type { DraftValidation } from './draft-validation';
import { drafts } from './use-drafts';

export type SaveState =
  | { kind: 'saved'; at?: string }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string }
  /** The draft was discarded or published (perhaps in another window): nothing more is saved. */
  | { kind: 'gone' };

export interface DraftSessionValue {
  save: SaveState;
  validation: DraftValidation | undefined;
  isChecking: boolean;
  /** The definition of the latest draft that validated (what the diff shows). */
  lastValid: ChecklistDefinition | undefined;
  saver: LatestWinsSaver<DraftDocument>;
}

const DraftSessionContext = createContext<DraftSessionValue | undefined>(undefined);

export function useDraftSession(): DraftSessionValue {
  const value = useContext(DraftSessionContext);
  if (value === undefined) throw new Error('useDraftSession outside DraftSession');
  return value;
}

export function DraftSession(props: {
  definitionId: string;
  publishedVersions: readonly string[];
  children: ReactNode;
}) {
  const { definitionId, publishedVersions } = props;
  const { watch, getValues } = useFormContext<DraftDocument>();
  const [snapshot, setSnapshot] = useState<DraftDocument>(() => structuredClone(getValues()));
  const [save, setSave] = useState<SaveState>({ kind: 'saved' });
  const saver = useMemo(
    () =>
      createLatestWinsSaver<DraftDocument>({
        write: (document) => drafts.save(definitionId, document),
        onWritten: (outcome) =>
          setSave(
            !outcome.ok
              ? {
                  kind: 'failed',
                  message:
                    outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
                }
              : outcome.kept
                ? { kind: 'saved', at: new Date().toISOString() }
                : { kind: 'gone' },
          ),
      }),
    [definitionId],
  );

  useEffect(() => {
    const subscription = watch(() => {
      const document = structuredClone(getValues());
      setSnapshot(document);
      setSave((current) => (current.kind === 'gone' ? current : { kind: 'saving' }));
      saver.save(document);
    });
    return () => subscription.unsubscribe();
  }, [watch, getValues, saver]);

  const { validation, isChecking, lastValid } = useDraftValidation(snapshot, { publishedVersions });

  const value = useMemo<DraftSessionValue>(
    () => ({ save, validation, isChecking, lastValid, saver }),
    [save, validation, isChecking, lastValid, saver],
  );
  return (
    <DraftSessionContext value={value}>
      <DraftProblemsProvider validation={validation}>{props.children}</DraftProblemsProvider>
    </DraftSessionContext>
  );
}
