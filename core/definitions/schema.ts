// The checklist definition format (checklists/<id>/<semver>.yaml), as a zod schema.
// The schema checks shape; semantic rules (unique ids, dependencies, `when` expressions, limits)
// live in validate-definition.ts. When adding an item type, also update: the run rules
// (core/runs), the item editor in the renderer, the PDF renderer and checklists/README.md.
import { z } from 'zod';

/** kebab-case ids for definitions, sections, items, departments and choices. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Parameter ids are used inside `when` expressions, so they are identifiers (camelCase). */
export const PARAMETER_ID = /^[a-z][a-zA-Z0-9]*$/;
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export const LIMITS = {
  fileBytes: 1_000_000,
  items: 5_000,
  sections: 200,
  idLength: 64,
  titleLength: 200,
  textLength: 4_000,
  choices: 50,
  dependsOn: 50,
  parameters: 50,
  expressionLength: 500,
  thresholdExpressionLength: 200,
} as const;

const id = z.string().max(LIMITS.idLength).regex(KEBAB_ID, 'must be kebab-case, like "isp-lines"');
const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.titleLength);
const longText = z.string().max(LIMITS.textLength);
const minutes = z
  .number()
  .int()
  .min(0)
  .max(60 * 24 * 365);

export const DEFINITION_KINDS = ['new-office', 'client-onboarding'] as const;
export const ITEM_TYPES = ['check', 'text', 'number', 'count', 'choice', 'date'] as const;
export const SEVERITIES = ['blocking', 'major', 'minor'] as const;
export const EVIDENCE_LEVELS = ['none', 'optional', 'required'] as const;

export const parameterSchema = z.strictObject({
  id: z.string().max(LIMITS.idLength).regex(PARAMETER_ID, 'must be camelCase, like "seats"'),
  label: title,
  type: z.enum(['number', 'text', 'boolean', 'choice']),
  /** Only for type choice: the allowed values. */
  choices: z.array(z.string().min(1).max(LIMITS.titleLength)).min(2).max(LIMITS.choices).optional(),
  required: z.boolean().default(true),
  help: longText.optional(),
});

const itemBase = {
  id,
  title,
  /** Markdown, rendered safely (no raw HTML). */
  guidance: longText.optional(),
  severity: z.enum(SEVERITIES).default('major'),
  evidence: z.enum(EVIDENCE_LEVELS).default('none'),
  /** Item ids (any section) that must be done first. */
  dependsOn: z.array(id).max(LIMITS.dependsOn).default([]),
  estimateMinutes: minutes.optional(),
  /** A change item: a rollback plan must be written before it can be marked done. */
  change: z.boolean().default(false),
  /** Shown only when the run's parameters match, e.g. "seats >= 20". */
  when: z.string().min(1).max(LIMITS.expressionLength).optional(),
  /** Overrides the section's department for this item. */
  department: id.optional(),
  tags: z.array(id).max(20).default([]),
};

/** A threshold that takes another number item's answer as the bound: `max: { item: rto-hours }`. */
export const itemThresholdSchema = z.strictObject({ item: id });

/** An arithmetic expression over the run's number parameters: `min: "ceil(seats / 20)"`. */
const thresholdExpression = z
  .string()
  .min(1, 'must not be empty: write a figure, e.g. "ceil(seats / 20)"')
  .max(LIMITS.thresholdExpressionLength);

/**
 * `min` / `max` of number and count items: a number, an expression in quotes over number
 * parameters, or `{ item: <id> }` (see check-thresholds.ts for the rules, thresholds.ts for helpers).
 */
function thresholdSchema<N extends z.ZodNumber>(number: N, numberText: string) {
  return z.union([number, thresholdExpression, itemThresholdSchema], {
    error: `must be ${numberText}, an expression in quotes like "ceil(seats / 20)", or { item: <id of a number item> }`,
  });
}

export const checkItemSchema = z.strictObject({ ...itemBase, type: z.literal('check') });

export const textItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('text'),
  multiline: z.boolean().default(false),
});

export const numberItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('number'),
  unit: z.string().trim().min(1).max(40),
  min: thresholdSchema(z.number(), 'a number').optional(),
  max: thresholdSchema(z.number(), 'a number').optional(),
  /** SLA figures (client onboarding): which metric and whether this is the target or the measurement. */
  sla: z
    .strictObject({
      metric: z.enum(['response', 'resolution']),
      priority: z.enum(['P1', 'P2', 'P3', 'P4']),
      role: z.enum(['target', 'measured']),
    })
    .optional(),
});

export const countItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('count'),
  /** "Two of everything": fewer named legs than this is a failure (an expression is rounded up). */
  min: thresholdSchema(z.number().int().min(1).max(1000), 'a whole number from 1 to 1000'),
  /** What one leg is called, e.g. "ISP line", "core switch". */
  unit: z.string().trim().min(1).max(40),
});

export const choiceItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('choice'),
  choices: z
    .array(z.strictObject({ id, label: title, acceptable: z.boolean() }))
    .min(2)
    .max(LIMITS.choices),
});

export const dateItemSchema = z.strictObject({ ...itemBase, type: z.literal('date') });

export const itemSchema = z.discriminatedUnion('type', [
  checkItemSchema,
  textItemSchema,
  numberItemSchema,
  countItemSchema,
  choiceItemSchema,
  dateItemSchema,
]);

export const sectionSchema = z.strictObject({
  id,
  title,
  department: id,
  description: longText.optional(),
  items: z.array(itemSchema).min(1),
});

export const departmentSchema = z.strictObject({ id, title });

export const definitionSchema = z.strictObject({
  id,
  version: z.string().regex(SEMVER, 'must be a semantic version like 1.2.0'),
  title,
  kind: z.enum(DEFINITION_KINDS),
  description: longText.optional(),
  /** What changed since the previous version, and why. */
  changelog: longText.min(1, 'say what changed and why'),
  departments: z.array(departmentSchema).min(1).max(100),
  parameters: z.array(parameterSchema).max(LIMITS.parameters).default([]),
  sections: z.array(sectionSchema).min(1).max(LIMITS.sections),
});

export type ChecklistDefinition = z.infer<typeof definitionSchema>;
export type DefinitionInput = z.input<typeof definitionSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Item = z.infer<typeof itemSchema>;
export type ItemType = Item['type'];
export type Parameter = z.infer<typeof parameterSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type Severity = (typeof SEVERITIES)[number];
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];
/** A `min` or `max`: a number, an expression over number parameters, or another item's answer. */
export type Threshold = number | string | z.infer<typeof itemThresholdSchema>;
/** Values a run supplies for the definition's parameters. */
export type ParameterValues = Record<string, string | number | boolean>;
