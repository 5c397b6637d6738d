// The public API of checklist definitions: the format (schema.ts), validation, the `when` language,
// content hashes, the lock of published versions, diffs between versions and answer migration.
// Import from here rather than from the individual modules.
export * from './schema';
export {
  parseExpression,
  evaluateExpression,
  expressionIdentifiers,
  MAX_EXPRESSION_DEPTH,
  type Expression,
  type ExpressionError,
  type ParseExpressionResult,
  type Literal,
  type ComparisonOperator,
  type Operand,
  type IdentifierNode,
  type LiteralNode,
} from './expression';
export { definitionContentHash, contentHashOfBytes, CONTENT_HASH_PATTERN } from './content-hash';
export {
  validateDefinitionText,
  countsOf,
  type ValidationResult,
  type DefinitionCounts,
} from './validate-definition';
export { formatNodePath, MAX_PROBLEMS_PER_FILE, type Problem } from './problem';
export { resolveVisibleItems, isItemVisible } from './visible-items';
export {
  checkPublished,
  publish,
  parseLock,
  formatLock,
  sortLock,
  nextPatchVersion,
  LOCK_FILE_NAME,
  type Lock,
  type HashedFile,
  type LockProblem,
  type PublishedCheck,
  type PublishResult,
} from './lock';
export { parseSemver, compareSemver } from './semver';
export {
  diffDefinitions,
  isEmptyDiff,
  type DefinitionDiff,
  type DefinitionRef,
  type ItemRef,
  type ItemChange,
  type ItemMove,
  type SectionRef,
  type SectionRename,
  type ParameterChange,
} from './diff-definitions';
export { COMPARED_ITEM_FIELDS, type FieldChange, type ItemField } from './item-changes';
export {
  migrateAnswers,
  recheckReasons,
  type MigrationOptions,
  type MigrationResult,
  type RecheckEntry,
} from './migrate-answers';
export {
  parseThreshold,
  THRESHOLD_FUNCTIONS,
  MAX_THRESHOLD_DEPTH,
  type ThresholdNode,
  type ThresholdFunction,
  type ThresholdSyntaxError,
  type ParseThresholdResult,
} from './threshold-expression';
export {
  evaluateThreshold,
  formatThreshold,
  thresholdParameters,
  type ThresholdProblem,
  type ThresholdValue,
} from './threshold-evaluate';
export {
  canonicalThreshold,
  describeThreshold,
  parseThresholdCached,
  thresholdForm,
  thresholdForParameters,
  thresholdItemIds,
  thresholdsOf,
  type ThresholdForm,
} from './thresholds';
