// A signed report as the app writes it today (format 3, with the run's history) for the hub bench:
// a 300-item run like the reports bench's (10 sections, a third of the items measured, every item
// ticked done, the first photos attached), recorded event by event by the core's rules on one
// device, then built into a report body (which verifies the log) and signed off. Not a benchmark.
import { definitionSchema, type DefinitionInput } from '../../core/definitions/schema';
import {
  buildReportBody,
  encodeBundle,
  signOff,
  type BundleAttachment,
  type Signer,
} from '../../core/reports';
import {
  applyAction,
  recordEvent,
  type Action,
  type Actor,
  type Answer,
  type Run,
  type RunEvent,
} from '../../core/runs';

const SECTIONS = 10;
const SIGNED_AT = '2025-06-01T16:00:00.000Z';

function definitionOf(items: number) {
  const input: DefinitionInput = {
    id: 'bench-office',
    version: '1.0.0',
    title: 'Bench office',
    kind: 'new-office',
    changelog: 'Benchmark.',
    departments: [{ id: 'network', title: 'Network' }],
    sections: Array.from({ length: SECTIONS }, (_, s) => ({
      id: `section-${s}`,
      title: `Section ${s}: network, cabling and workplaces`,
      department: 'network',
      items: Array.from({ length: items / SECTIONS }, (_, i) =>
        i % 3 === 0
          ? {
              id: `item-${s}-${i}`,
              title: `Measure ${s}.${i}: line speed at the patch panel`,
              type: 'number' as const,
              unit: 'Mbit/s',
              estimateMinutes: 10,
            }
          : {
              id: `item-${s}-${i}`,
              title: `Check ${s}.${i}: patch panel ports labelled and tested end to end`,
              type: 'check' as const,
              estimateMinutes: 5,
            },
      ),
    })),
  };
  return definitionSchema.parse(input);
}

/** The bundle of a signed-off format-3 report of a `items`-item run with id `reportId`. */
export async function historyReportBundle(
  reportId: string,
  office: string,
  signer: Signer,
  actor: Actor,
  photos: readonly BundleAttachment[],
  items = 300,
): Promise<{ bundle: Uint8Array; events: number }> {
  const definition = definitionOf(items);
  const run: Run = {
    id: reportId,
    definitionId: definition.id,
    definitionVersion: definition.version,
    definitionHash: 'a'.repeat(64),
    kind: 'new-office',
    name: `Opening ${office}`,
    parameters: {},
    plannedGoLive: '2025-06-02',
    createdAt: '2025-05-30T08:00:00.000Z',
    createdBy: actor,
    state: 'in-progress',
  };
  const answers = new Map<string, Answer>();
  const events: RunEvent[] = [];
  let minute = 0;
  const apply = (action: Action): void => {
    const now = new Date(Date.UTC(2025, 4, 31, 9, minute++)).toISOString();
    const result = applyAction({ definition, run, answers, actor, now }, action);
    if (!result.ok) throw new Error(`${action.type} ${action.itemId}: ${result.error.message}`);
    answers.set(result.answer.itemId, result.answer);
    events.push(recordEvent(result.event, 'bench-device', events.at(-1) ?? null, {}));
  };
  let photo = 0;
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.type === 'number') {
        apply({ type: 'setValue', itemId: item.id, value: { type: 'number', value: 480 } });
      }
      if (photo < photos.length) {
        apply({ type: 'attach', itemId: item.id, attachment: photos[photo++]!.ref });
      }
      apply({ type: 'setStatus', itemId: item.id, status: 'done' });
    }
  }
  const body = buildReportBody({
    definition,
    run,
    answers,
    events,
    office,
    lessonsLearned: 'Order the second ISP line six weeks ahead.',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
  });
  const signed = await signOff(signer, body, SIGNED_AT);
  return { bundle: encodeBundle(signed, photos), events: events.length };
}
