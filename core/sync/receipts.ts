// Reading the hub's receipts (and other JSON it sends) field by field, trusting nothing: a receipt
// with a field missing or of another type reads as undefined, which the pushers treat as "no
// receipt" (retried, never marked sent).
import type { HubResponse } from './transport';
import { readJson } from './transport';
import type { ProgressReceipt, ReportReceipt, SignatureReceipt } from './wire-protocol';

/** `value[key]` when value is an object and that field has the given type. */
export function field<T>(
  value: unknown,
  key: string,
  type: 'string' | 'number' | 'boolean' | 'object',
): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === type ? (found as T) : undefined;
}

export function readReportReceipt(response: HubResponse): ReportReceipt | undefined {
  const value = readJson(response);
  const reportId = field<string>(value, 'reportId', 'string');
  const revision = field<number>(value, 'revision', 'number');
  const reportHash = field<string>(value, 'reportHash', 'string');
  const receivedAt = field<string>(value, 'receivedAt', 'string');
  const replay = field<boolean>(value, 'replay', 'boolean');
  if (reportId === undefined || revision === undefined || reportHash === undefined)
    return undefined;
  if (receivedAt === undefined || replay === undefined) return undefined;
  return { reportId, revision, reportHash, receivedAt, replay };
}

export function readProgressReceipt(response: HubResponse): ProgressReceipt | undefined {
  const value = readJson(response);
  const runId = field<string>(value, 'runId', 'string');
  const takenAt = field<string>(value, 'takenAt', 'string');
  const replay = field<boolean>(value, 'replay', 'boolean');
  if (runId === undefined || takenAt === undefined || replay === undefined) return undefined;
  return { runId, takenAt, replay };
}

export function readSignatureReceipt(response: HubResponse): SignatureReceipt | undefined {
  const value = readJson(response);
  const reportId = field<string>(value, 'reportId', 'string');
  const revision = field<number>(value, 'revision', 'number');
  const reportHash = field<string>(value, 'reportHash', 'string');
  const index = field<number>(value, 'index', 'number');
  const reviewState = field<SignatureReceipt['reviewState']>(value, 'reviewState', 'string');
  const receivedAt = field<string>(value, 'receivedAt', 'string');
  const replay = field<boolean>(value, 'replay', 'boolean');
  if (reportId === undefined || revision === undefined || reportHash === undefined)
    return undefined;
  if (index === undefined || reviewState === undefined || receivedAt === undefined)
    return undefined;
  if (replay === undefined) return undefined;
  return { reportId, revision, reportHash, index, reviewState, receivedAt, replay };
}
