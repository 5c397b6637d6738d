// Publishing a checklist definition on the hub: POST /v1/definitions (PATHS.definitions) with the
// YAML text as the body, byte for byte (its SHA-256 is the version's hash, which runs pin). Only
// the people who own templates may: the head of ICT (the hub answers 403 to everyone else before
// reading the body). The hub validates the text with the core validator exactly as the app does;
// the same bytes again are a replay (200), another text for a published id@version a conflict
// (409): a published version never changes. Devices receive it on their next sync
// (pull-definitions.ts). Shared by the hub's route and the app's Publish button.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { HubRole } from './wire-protocol';
import { PATHS } from './wire-protocol';
import type { Transport } from './transport';
import { readError, readJson, TransportError } from './transport';

export const DEFINITION_CONTENT_TYPE = 'application/yaml';
/** Who may publish definitions on the hub. */
export const DEFINITION_PUBLISHERS: readonly HubRole[] = ['head'];
/** Definition files are at most this large (checklists/README.md, LIMITS.fileBytes). */
export const DEFINITION_BODY_BYTES = 1_000_000;

/** The hub's answer to a publish: 201 (published now) or 200 (these bytes were published before). */
export interface DefinitionPublishReceipt {
  id: string;
  version: string;
  /** SHA-256 hex of the YAML bytes. */
  hash: string;
  publishedAt: string;
  /** True when exactly these bytes had been published before. */
  replay: boolean;
}

export type DefinitionPublishOutcome =
  | { ok: true; receipt: DefinitionPublishReceipt }
  | {
      ok: false;
      /** forbidden: not a template owner; conflict: the version exists with other content; invalid: the validator's problems. */
      reason: 'forbidden' | 'conflict' | 'invalid' | 'refused' | 'unreachable';
      status?: number;
      message: string;
      details: string[];
    };

function isReceipt(value: unknown): value is DefinitionPublishReceipt {
  if (typeof value !== 'object' || value === null) return false;
  const { id, version, hash, publishedAt, replay } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof version === 'string' &&
    typeof hash === 'string' &&
    typeof publishedAt === 'string' &&
    typeof replay === 'boolean'
  );
}

const REASON_BY_STATUS: Record<number, 'forbidden' | 'conflict' | 'invalid'> = {
  403: 'forbidden',
  409: 'conflict',
  400: 'invalid',
};

/** Sends one definition's YAML to the hub and says what became of it; never throws for the network. */
export async function publishDefinitionText(
  transport: Transport,
  text: string,
  timeoutMs = 30_000,
): Promise<DefinitionPublishOutcome> {
  try {
    const response = await transport({
      method: 'POST',
      path: PATHS.definitions,
      body: utf8ToBytes(text),
      contentType: DEFINITION_CONTENT_TYPE,
      timeoutMs,
    });
    const body = readJson(response);
    if ((response.status === 201 || response.status === 200) && isReceipt(body)) {
      return { ok: true, receipt: body };
    }
    const error = readError(response);
    return {
      ok: false,
      reason: REASON_BY_STATUS[response.status] ?? 'refused',
      status: response.status,
      message: error?.message ?? `The hub answered HTTP ${response.status}.`,
      details: error?.details ?? [],
    };
  } catch (error) {
    if (error instanceof TransportError) {
      return { ok: false, reason: 'unreachable', message: error.message, details: [] };
    }
    throw error;
  }
}
