// The hub's wire protocol, shared by the app's sync engine and the hub: paths, request and response
// shapes, and error codes. Bump WIRE_PROTOCOL_VERSION when a shape changes incompatibly; the hub
// answers 426 to clients of another major version. Report bodies travel as report bundles
// (core/reports/bundle.ts): the hub verifies signatures on the bytes it receives.
import { z } from 'zod';
import type { TrustList } from '../reports/report-format';
import type { ActorRole } from '../runs/model';
import { ACTOR_ROLES } from '../runs/model';
import { SHARED_RUN_PATHS } from './shared-runs-protocol';
import { NOTIFICATION_PATHS } from './notification-protocol';

export * from './shared-runs-protocol';
export * from './notification-protocol';
import { signatureSchema } from '../reports/report-schema';
import type { GateDecision } from '../runs/gate';

/** 2: shared runs (shared-runs-protocol.ts), engineer and coordinator roles. */
export const WIRE_PROTOCOL_VERSION = 2;
/** Sent by clients on every request; the hub refuses other major versions. */
export const PROTOCOL_HEADER = 'x-golive-protocol';

export const LIMITS = {
  /** A report bundle with its evidence. */
  reportBundleBytes: 200 * 1024 * 1024,
  progressSnapshotBytes: 2 * 1024 * 1024,
  jsonBodyBytes: 1024 * 1024,
} as const;

export const PATHS = {
  health: '/v1/health',
  enroll: '/v1/enroll',
  trustList: '/v1/trust-list',
  reports: '/v1/reports',
  /** GET the bundle; `:reportId/:revision`. */
  report: '/v1/reports/:reportId/:revision',
  /** POST a countersign or send-back signature (supervisors). */
  reportSignatures: '/v1/reports/:reportId/:revision/signatures',
  progress: '/v1/progress',
  definitions: '/v1/definitions',
  /** GET the YAML text; `:id/:version`. */
  definition: '/v1/definitions/:id/:version',
  openApi: '/openapi.json',
  ...SHARED_RUN_PATHS,
  ...NOTIFICATION_PATHS,
} as const;

/** Everyone the hub enrolls is one of the core's actors (core/runs/model.ts). */
export type HubRole = ActorRole;
export const HUB_ROLES: readonly HubRole[] = ACTOR_ROLES;

export const enrollRequestSchema = z.strictObject({
  code: z.string().min(8).max(200),
  /** base64url raw 32-byte Ed25519 public key of the user's signing key. */
  publicKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 public key (43 characters)'),
  deviceName: z.string().trim().min(1).max(120),
  /**
   * The id of the app's local profile on this device. Events recorded offline before the device
   * was enrolled (a run started on site, later shared) carry this id as their actor, not the hub
   * user id the device gets now; the hub accepts either as "this person" on this device's pushes.
   */
  profileId: z.string().min(1).max(200).optional(),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export interface EnrolledUser {
  userId: string;
  name: string;
  role: HubRole;
  office?: string;
  supervises: string[];
  /** Engineers: the template departments they belong to (absent from hubs before shared runs). */
  departments?: string[];
}

export interface EnrollResponse {
  deviceId: string;
  /** Shown once; the hub keeps only its hash. Send as `Authorization: Bearer <token>`. */
  deviceToken: string;
  user: EnrolledUser;
  trustList: TrustList;
}

/** The hub's proof that it stored a report revision; the outbox keeps it. */
export interface ReportReceipt {
  reportId: string;
  revision: number;
  reportHash: string;
  receivedAt: string;
  /** True when these exact bytes had been received before. */
  replay: boolean;
}

export interface ReportListEntry {
  reportId: string;
  revision: number;
  reportHash: string;
  office: string;
  runName: string;
  definitionId: string;
  definitionVersion: string;
  decision: GateDecision;
  signedAt: string;
  receivedAt: string;
  /** 'signed' | 'countersigned' | 'sent-back' */
  reviewState: 'signed' | 'countersigned' | 'sent-back';
}

export interface ReportListResponse {
  reports: ReportListEntry[];
}

/** A run in progress, pushed so the centre sees live rollouts ("bad news early"). */
export const progressSnapshotSchema = z.strictObject({
  runId: z.string().min(1).max(64),
  office: z.string().min(1).max(120),
  runName: z.string().min(1).max(200),
  kind: z.enum(['new-office', 'client-onboarding']),
  definitionId: z.string().min(1).max(64),
  definitionVersion: z.string().min(1).max(32),
  plannedGoLive: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  takenAt: z.iso.datetime(),
  decision: z.enum(['go', 'go-with-waivers', 'no-go']),
  total: z.number().int().min(0),
  resolved: z.number().int().min(0),
  blocked: z.number().int().min(0),
  failing: z.number().int().min(0),
  estimateMinutes: z.number().min(0),
  actualMinutes: z.number().min(0),
  blockers: z
    .array(
      z.strictObject({
        itemId: z.string().max(64),
        title: z.string().max(200),
        department: z.string().max(64),
        reason: z.string().max(4000),
      }),
    )
    .max(500),
  sections: z
    .array(
      z.strictObject({
        sectionId: z.string().max(64),
        title: z.string().max(200),
        department: z.string().max(64),
        total: z.number().int().min(0),
        resolved: z.number().int().min(0),
        blocked: z.number().int().min(0),
        estimateMinutes: z.number().min(0),
        actualMinutes: z.number().min(0),
      }),
    )
    .max(200),
  /** Answers by item id (status only), for comparing offices across versions by shared ids. */
  items: z
    .array(
      z.strictObject({
        itemId: z.string().max(64),
        status: z.enum(['open', 'done', 'not-applicable', 'blocked']),
      }),
    )
    .max(5000),
});
export type ProgressSnapshot = z.infer<typeof progressSnapshotSchema>;

export interface ProgressReceipt {
  runId: string;
  takenAt: string;
  replay: boolean;
}

export interface DefinitionListEntry {
  id: string;
  version: string;
  /** SHA-256 of the YAML text (what runs pin). */
  hash: string;
  publishedAt: string;
}

export interface DefinitionListResponse {
  definitions: DefinitionListEntry[];
}

export const ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'rate-limited',
  'invalid-report',
  'protocol-version',
  /** A fault in the hub itself (500): never sent for bad input. */
  'internal-error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every error the hub sends: a code for programs, a sentence for people. */
export interface ErrorResponse {
  error: ErrorCode;
  message: string;
  /** Field paths or verification problems, where they help. */
  details?: string[];
}

/** GET health: no auth; the app's reachability probe. */
export interface HealthResponse {
  status: 'ok';
  protocolVersion: number;
  /** The hub's clock, ISO 8601. */
  time: string;
}

/** GET reports: `since` (ISO 8601) lists only revisions received after it. */
export const reportListQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
});
export type ReportListQuery = z.infer<typeof reportListQuerySchema>;

/** GET one report bundle: its reportHash is also sent in this header. */
export const REPORT_HASH_HEADER = 'x-report-hash';
/** GET one definition: its content hash is also sent in this header. */
export const DEFINITION_HASH_HEADER = 'x-definition-hash';

/** POST reportSignatures: a supervisor's countersign or send-back over the stored revision. */
export const signatureRequestSchema = z.strictObject({ signature: signatureSchema });
export type SignatureRequest = z.infer<typeof signatureRequestSchema>;

export interface SignatureReceipt {
  reportId: string;
  revision: number;
  reportHash: string;
  /** The signature's position in the report's signatures. */
  index: number;
  reviewState: ReportListEntry['reviewState'];
  receivedAt: string;
  /** True when this exact signature was already on the report. */
  replay: boolean;
}

/** GET progress: `runId` narrows the answer to one run. */
export const progressQuerySchema = z.strictObject({
  runId: z.string().min(1).max(64).optional(),
});
export type ProgressQuery = z.infer<typeof progressQuerySchema>;

export interface ProgressHistoryEntry {
  takenAt: string;
  receivedAt: string;
  decision: ProgressSnapshot['decision'];
  total: number;
  resolved: number;
  blocked: number;
  failing: number;
}

export interface ProgressRunEntry {
  runId: string;
  office: string;
  /** The snapshot with the latest takenAt. */
  latest: ProgressSnapshot;
  /** Every snapshot of the run, oldest first, in short. */
  history: ProgressHistoryEntry[];
}

export interface ProgressListResponse {
  runs: ProgressRunEntry[];
}

/** Fills `:name` placeholders of a PATHS entry. */
export function pathOf(template: string, params: Record<string, string | number>): string {
  return template.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}
