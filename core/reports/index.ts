// The public API of signed sign-off reports: build the body from a run, sign it off, countersign or
// send it back, verify it offline against a trust list, and carry it in a bundle (.zip) or inside
// the exported PDF. The app, the CLI and the hub import from here, not from the modules.
export * from './report-format';
export { buildReportBody, canSignOff, ReportBuildError } from './build-report';
export type { BuildReportInput, ReportBuildErrorCode } from './build-report';
export {
  reportHash,
  statementBytes,
  previousSignaturesHash,
  canonicalReportJson,
  canonicalReportBytes,
  parseReportJson,
  canonicalReportParts,
  MAX_REPORT_JSON_BYTES,
} from './report-hash';
export type { CanonicalReportParts, ParsedReportJson } from './report-hash';
export { sameCanonicalJson } from './fast-canonical';
export { pureJsSha256 } from '../runs/canonical';
export type { Sha256 } from '../runs/canonical';
export {
  signStatement,
  signOff,
  countersign,
  sendBack,
  createKeySigner,
  ReportSigningError,
} from './sign';
export type { StatementInput, ReportSigningErrorCode } from './sign';
export { verifyReport, SUPPORTED_FORMAT_VERSIONS } from './verify';
export { whoDidWhat, type Contribution } from './who-did-what';
export type {
  KnownRevision,
  NotIncludedEvidence,
  ReportProblem,
  ReportProblemCode,
  ReportStatus,
  SignatureCheck,
  VerificationResult,
  VerifyOptions,
} from './verify-result';
export { diffReportBodies } from './diff-bodies';
export {
  parseTrustList,
  validateTrustList,
  findTrustedKey,
  trustListSchema,
  TRUST_LIST_FORMAT,
} from './trust-list';
export type { TrustListResult } from './trust-list';
export { encodeBundle, BundleError, sha256HexOfBytes } from './bundle';
export type { BundleAttachment, BundleErrorCode } from './bundle';
export { decodeBundle } from './bundle-decode';
export {
  evidenceNotHeld,
  notIncludedAttachments,
  EVIDENCE_NOT_INCLUDED_SINCE,
} from './evidence-not-included';
export type { ListedAttachment } from './bundle-format';
export type { BundleProblem, BundleProblemCode, DecodedBundle } from './bundle-decode';
export {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_LIMITS,
  REPORT_ENTRY,
  MANIFEST_ENTRY,
  attachmentPath,
} from './bundle-format';
export type { BundleLimits, BundleManifest, ManifestAttachment } from './bundle-format';
export {
  attachReportToPdf,
  extractReportFromPdf,
  REPORT_ATTACHMENT_NAME,
  REPORT_ATTACHMENT_MIME_TYPE,
} from './pdf-attachment';
export type { ExtractedReport, PdfProblem, PdfProblemCode } from './pdf-attachment';
export { keyFingerprint, pureJsEd25519 } from './ed25519';
export { strictEd25519Verifier } from './ed25519-verifier';
export type { Ed25519Equation, Ed25519Verifier } from './ed25519-verifier';
export { bytesToBase64url, base64urlToBytes } from './base64url';
export {
  signedReportSchema,
  reportBodySchema,
  ROLES_FOR_PURPOSE,
  maySignFor,
  SIGNER_ROLES,
  SIGNATURE_PURPOSES,
  REPORT_SCHEMA_LIMITS,
} from './report-schema';
