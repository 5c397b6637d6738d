// A run's parameter values (seats, country...) checked against its template: every required one
// given, each of its type and, for choices, one of the choices; an unknown one refused. An unticked
// boolean counts as false. Used when a run starts and when it moves to another version.
import type { ChecklistDefinition, ParameterValues } from '../definitions/schema';

export interface ParameterCheck {
  /** The values to keep (booleans defaulted to false, empty values left out). */
  values: ParameterValues;
  /** Plain English, one per problem; empty when the values are fine. */
  problems: string[];
}

export function checkRunParameters(
  definition: ChecklistDefinition,
  input: ParameterValues,
): ParameterCheck {
  const known = new Set(definition.parameters.map((p) => p.id));
  const problems = Object.keys(input)
    .filter((id) => !known.has(id))
    .map((id) => `"${id}" is not a parameter of this template`);
  const values: ParameterValues = {};
  for (const parameter of definition.parameters) {
    const value =
      parameter.type === 'boolean' ? (input[parameter.id] ?? false) : input[parameter.id];
    if (value === undefined || value === '') {
      if (parameter.required) problems.push(`"${parameter.label}" is required`);
      continue;
    }
    values[parameter.id] = value;
    const type = parameter.type === 'choice' ? 'text' : parameter.type;
    const ok =
      (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
      (type === 'boolean' && typeof value === 'boolean') ||
      (type === 'text' && typeof value === 'string');
    if (!ok) problems.push(`"${parameter.label}" must be a ${type}`);
    else if (parameter.choices && !parameter.choices.includes(String(value))) {
      problems.push(`"${parameter.label}" must be one of ${parameter.choices.join(', ')}`);
    }
  }
  return { values, problems };
}
