// The syntax tree of a `when` expression (see expression.ts for the grammar). Plain data, so it can be
// stored, sent over IPC or compared in tests. When adding a node kind, also update the evaluator
// (expression-evaluate.ts), expressionIdentifiers and the type checks in check-when.ts.

export type Literal = string | number | boolean;

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A parameter named in the expression; `offset` is its position in the source string. */
export interface IdentifierNode {
  kind: 'identifier';
  name: string;
  offset: number;
}

export interface LiteralNode {
  kind: 'literal';
  value: Literal;
  offset: number;
}

export type Operand = IdentifierNode | LiteralNode;

export type Expression =
  | { kind: 'or'; operands: Expression[] }
  | { kind: 'and'; operands: Expression[] }
  | { kind: 'not'; operand: Expression }
  | { kind: 'compare'; operator: ComparisonOperator; left: Operand; right: Operand }
  | { kind: 'in'; identifier: IdentifierNode; values: LiteralNode[] }
  /** Standalone identifier: true when the parameter's value is the boolean true. */
  | IdentifierNode
  /** Standalone literal: only `true` or `false` are accepted by the parser. */
  | LiteralNode;
