// The draft's validation off the main thread: writing a large template as YAML and validating it
// takes a few hundred milliseconds, which would make typing stutter. Messages carry a sequence
// number so the editor keeps only the answer to its latest question.
import type { DraftDocument } from '../../../storage/draft-repository';
import { validateDraft, type DraftContext, type DraftValidation } from './draft-validation';

export interface ValidationRequest {
  seq: number;
  draft: DraftDocument;
  context: DraftContext;
}

export interface ValidationResponse {
  seq: number;
  result: DraftValidation;
}

self.onmessage = (event: MessageEvent<ValidationRequest>) => {
  const { seq, draft, context } = event.data;
  const response: ValidationResponse = { seq, result: validateDraft(draft, context) };
  self.postMessage(response);
};
