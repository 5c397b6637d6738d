// The draft's latest validation, shared with every field of the editor: a field shows the
// problems mapped to its path (draft-validation.ts), the outline counts them per item and
// section, and the problems list links to them. Also how to say a problem in the UI's language
// (the core validator's messages are English, as in the CLI; the editor's own checks translate).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DraftProblem, DraftValidation } from './draft-validation';

/** Changes only when a validation answer arrives, so typing does not re-render every field. */
export interface DraftProblemsValue {
  validation: DraftValidation | undefined;
  byField: ReadonlyMap<string, DraftProblem[]>;
}

const EMPTY: DraftProblemsValue = { validation: undefined, byField: new Map() };
const DraftProblemsContext = createContext<DraftProblemsValue>(EMPTY);

export function DraftProblemsProvider(props: {
  validation: DraftValidation | undefined;
  children: ReactNode;
}) {
  const { validation } = props;
  const value = useMemo<DraftProblemsValue>(() => {
    const byField = new Map<string, DraftProblem[]>();
    for (const problem of validation?.problems ?? []) {
      byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem]);
    }
    return { validation, byField };
  }, [validation]);
  return <DraftProblemsContext value={value}>{props.children}</DraftProblemsContext>;
}

export function useDraftProblems(): DraftProblemsValue {
  return useContext(DraftProblemsContext);
}

export function problemText(t: TFunction, problem: DraftProblem): string {
  if (problem.check !== undefined) {
    return t(`templates.editor.checks.${problem.check.key}`, problem.check.values);
  }
  return problem.message ?? '';
}

/** The messages of the problems mapped exactly to `field`, in the UI's language. */
export function useFieldProblems(field: string): string[] {
  const { t } = useTranslation();
  const { byField } = useDraftProblems();
  const problems = byField.get(field);
  return useMemo(() => (problems ?? []).map((problem) => problemText(t, problem)), [problems, t]);
}

/** How many problems lie inside `field` (an item, a section, the parameters). */
export function useProblemCount(field: string): number {
  const { byField } = useDraftProblems();
  let count = 0;
  const prefix = `${field}.`;
  for (const [path, problems] of byField) {
    if (path === field || path.startsWith(prefix)) count += problems.length;
  }
  return count;
}
