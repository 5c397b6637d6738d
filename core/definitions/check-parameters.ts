// Semantic checks on run parameters: a choice parameter lists its choices (each once), and only
// choice parameters have choices.
import type { CheckContext } from './check-context';

export function checkParameters({ definition, report }: CheckContext): void {
  definition.parameters.forEach((parameter, index) => {
    const path = ['parameters', index];
    if (parameter.type === 'choice' && parameter.choices === undefined) {
      report(
        [...path, 'type'],
        `parameter "${parameter.id}" has type choice but no choices: add choices (at least two)`,
      );
    }
    if (parameter.type !== 'choice' && parameter.choices !== undefined) {
      report(
        [...path, 'choices'],
        `parameter "${parameter.id}" has choices but type ${parameter.type}: set type: choice, or remove the choices`,
      );
    }
    const seen = new Set<string>();
    parameter.choices?.forEach((choice, choiceIndex) => {
      if (seen.has(choice)) {
        report(
          [...path, 'choices', choiceIndex],
          `parameter "${parameter.id}": choice "${choice}" is listed twice: remove one`,
        );
      }
      seen.add(choice);
    });
  });
}
