// Benchmark: load and validate 100 definitions of 500 items each (YAML text generated up front),
// the worst case of a laptop that syncs many template versions. Run with `npm run bench`.
import { validateDefinitionText } from '../../core/definitions';
import { generateDefinitionYaml } from '../unit/core/definitions/fixtures';

const DEFINITIONS = 100;
const ITEMS_PER_DEFINITION = 500;

const texts = Array.from({ length: DEFINITIONS }, (_, index) =>
  generateDefinitionYaml({
    id: `bench-${index}`,
    sections: 10,
    itemsPerSection: ITEMS_PER_DEFINITION / 10,
  }),
);
const totalBytes = texts.reduce((sum, text) => sum + text.length, 0);

validateDefinitionText(texts[0] as string, 'warm-up.yaml');
const started = performance.now();
for (const [index, text] of texts.entries()) {
  const result = validateDefinitionText(text, `bench/${index}.yaml`);
  if (!result.ok || result.counts.items !== ITEMS_PER_DEFINITION) {
    console.error(
      `definitions: bench/${index}.yaml did not validate: ${JSON.stringify(result.ok ? result.counts : result.problems.slice(0, 3))}`,
    );
    process.exit(1);
  }
}
const elapsed = performance.now() - started;
console.log(
  `definitions: validate ${DEFINITIONS} x ${ITEMS_PER_DEFINITION} items (${(totalBytes / 1e6).toFixed(1)} MB of YAML): ` +
    `${Math.round(elapsed)} ms total, ${(elapsed / DEFINITIONS).toFixed(1)} ms/definition`,
);
