// @vitest-environment jsdom
// The sign-off dialog (features/signoff/sign-off-form.tsx on the shared ui/reason-dialog.tsx) with
// evidence files whose bytes are not on this device: it names each (file, item, who attached it,
// "Not on this device" in words), offers to fetch them with the sync's progress and then says per
// file what happened; while files are missing the only way to sign is "Sign off without N files",
// which says what that means and hands the files' hashes to the sign-off; with none missing it is
// the plain "Sign off". Also the pure rules behind it (missing-evidence.ts).
import { describe, expect, it } from 'vitest';
import type { SyncCycleResult } from '../../../core/sync';
import type { MissingEvidencePanelProps } from '../../../renderer/features/signoff/missing-evidence-panel';
import {
  evidenceRows,
  fetchOutcomes,
  type MissingFile,
} from '../../../renderer/features/signoff/missing-evidence';
import { SignOffForm } from '../../../renderer/features/signoff/sign-off-form';
import { buttonNamed, GO_GATE, press, reactHarness, typeInTextArea } from './react-harness';

const harness = reactHarness();

const photo: MissingFile = {
  itemId: 'core-switches',
  itemTitle: 'Core switches',
  ref: {
    id: 'att-1',
    name: 'rack-label.png',
    mimeType: 'image/png',
    size: 2048,
    sha256: 'a'.repeat(64),
  },
  attachedBy: 'Ravi Menon',
};
const log: MissingFile = {
  itemId: 'speed-test',
  itemTitle: 'Speed test',
  ref: {
    id: 'att-2',
    name: 'speed.txt',
    mimeType: 'text/plain',
    size: 300,
    sha256: 'b'.repeat(64),
  },
};

function evidence(
  missing: readonly MissingFile[],
  overrides: Partial<MissingEvidencePanelProps> = {},
): MissingEvidencePanelProps & { missing: readonly MissingFile[] } {
  return {
    missing,
    rows: missing.map((file) => ({ file })),
    missingCount: new Set(missing.map((file) => file.ref.sha256)).size,
    isFetching: false,
    progress: null,
    onFetch: () => undefined,
    ...overrides,
  };
}

function render(
  props: {
    evidence?: ReturnType<typeof evidence>;
    lessons?: { text: string; carriedFrom?: number };
    onSign?: (lessons: string, accepted: readonly string[]) => Promise<string | undefined>;
  } = {},
): HTMLElement {
  harness.render(
    <SignOffForm
      formKey="run-1"
      runName="Berlin office"
      gate={GO_GATE}
      signerName="Ana García"
      lessons={props.lessons ?? { text: '' }}
      evidence={props.evidence ?? evidence([])}
      onCancel={() => undefined}
      onSign={props.onSign ?? (() => Promise.resolve(undefined))}
    />,
  );
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the dialog did not open');
  return dialog;
}

function buttonNames(dialog: HTMLElement): string[] {
  return [...dialog.querySelectorAll('button')].map((button) => button.textContent?.trim() ?? '');
}

function region(dialog: HTMLElement): HTMLElement {
  const heading = dialog.querySelector('#signoff-missing-heading');
  const section = heading?.closest('section');
  if (!section) throw new Error('no missing files region');
  return section;
}

describe('the sign-off dialog with evidence not on this device', () => {
  it('names every file with its item and who attached it, in words', () => {
    const dialog = render({ evidence: evidence([photo, log]) });
    const files = region(dialog);
    expect(files.getAttribute('aria-labelledby')).toBe('signoff-missing-heading');
    expect(files.querySelector('h3')?.textContent).toContain('2 files are not on this device');
    const items = [...files.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('rack-label.png');
    expect(items[0]).toContain('Item: Core switches');
    expect(items[0]).toContain('attached by Ravi Menon');
    expect(items[0]).toContain('Not on this device');
    expect(items[1]).toContain('speed.txt');
    expect(items[1]).toContain('Item: Speed test');
    expect(items[1]).toContain('attached on another laptop');
  });

  it('signs only by the choice that says so, after the lessons, with the files it leaves out', async () => {
    const signed: { lessons: string; accepted: readonly string[] }[] = [];
    const dialog = render({
      evidence: evidence([photo, log]),
      onSign: (lessons, accepted) => {
        signed.push({ lessons, accepted });
        return Promise.resolve(undefined);
      },
    });
    expect(buttonNames(dialog)).not.toContain('Sign off');
    expect(dialog.textContent).toContain(
      'Signed without them, the report lists these files as not included',
    );
    const signWithout = buttonNamed(dialog, 'Sign off without 2 files');
    expect(signWithout.className).toContain('danger');
    await press(signWithout);
    expect(signed).toEqual([]);
    expect(dialog.textContent).toContain('Write the lessons learned');
    typeInTextArea(dialog, '  The rack photo stayed on the technician laptop.  ');
    await press(buttonNamed(dialog, 'Sign off without 2 files'));
    expect(signed).toEqual([
      {
        lessons: 'The rack photo stayed on the technician laptop.',
        accepted: [photo.ref.sha256, log.ref.sha256],
      },
    ]);
  });

  it('shows a refused sign-off and stays open', async () => {
    const dialog = render({
      evidence: evidence([photo]),
      onSign: () => Promise.resolve('Not on this device: "new.png" (Labels).'),
    });
    typeInTextArea(dialog, 'None.');
    await press(buttonNamed(dialog, 'Sign off without 1 file'));
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe(
      'Not on this device: "new.png" (Labels).',
    );
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
  });

  it('offers to fetch the files, shows the progress, then what happened to each', async () => {
    let fetches = 0;
    const dialog = render({
      evidence: evidence([photo, log], {
        onFetch: () => {
          fetches += 1;
        },
      }),
    });
    await press(buttonNamed(dialog, 'Fetch them now'));
    expect(fetches).toBe(1);
    harness.unmount();

    const fetching = render({
      evidence: evidence([photo, log], { isFetching: true, progress: { done: 1, total: 2 } }),
    });
    expect(buttonNamed(fetching, 'Fetching…').disabled).toBe(true);
    expect(fetching.querySelector('[role="status"]')?.textContent).toBe('Fetching files: 1 of 2');
    harness.unmount();

    // The photo arrived; the log is still only on the laptop it was attached on.
    const rows = evidenceRows([log], {
      asked: [photo, log],
      outcomes: new Map([
        [photo.ref.sha256, { kind: 'arrived' }],
        [log.ref.sha256, { kind: 'not-on-hub' }],
      ]),
    });
    const after = render({ evidence: evidence([log], { rows }) });
    const items = [...region(after).querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toContain('Fetched: on this device now, it goes into the report.');
    expect(items[1]).toContain(
      'Not fetched: the hub does not have it yet. The laptop it was attached on must sync first.',
    );
    expect(region(after).querySelector('h3')?.textContent).toContain(
      '1 file is not on this device',
    );
    expect(buttonNames(after)).toContain('Sign off without 1 file');
  });

  it('is the plain sign-off when every file is here, carrying the lessons of the revision before', async () => {
    const signed: (readonly string[])[] = [];
    const dialog = render({
      lessons: { text: 'Order the second line early.', carriedFrom: 1 },
      onSign: (_lessons, accepted) => {
        signed.push(accepted);
        return Promise.resolve(undefined);
      },
    });
    expect(dialog.querySelector('#signoff-missing-heading')).toBeNull();
    expect(dialog.querySelector('textarea')?.value).toBe('Order the second line early.');
    expect(dialog.textContent).toContain('Carried over from revision 1');
    expect(dialog.textContent).not.toContain('not included');
    await press(buttonNamed(dialog, 'Sign off'));
    expect(signed).toEqual([[]]);
  });
});

describe('what fetching the missing files did', () => {
  const result = (outcome: SyncCycleResult['outcome'], message?: string): SyncCycleResult => ({
    outcome,
    startedAt: '2026-12-05T10:00:00.000Z',
    finishedAt: '2026-12-05T10:00:01.000Z',
    ...(message === undefined ? {} : { message }),
    pushed: { sent: 0, replayed: 0, failed: 0, retrying: 0, held: 0 },
    pulled: { definitions: [], reports: [] },
    problems: [],
  });
  const stillLog = new Set([log.ref.sha256]);

  it('tells a file that arrived from one the hub does not have, a failed sync and no sync', () => {
    expect(Object.fromEntries(fetchOutcomes([photo, log], stillLog, result('ok')))).toEqual({
      [photo.ref.sha256]: { kind: 'arrived' },
      [log.ref.sha256]: { kind: 'not-on-hub' },
    });
    expect(fetchOutcomes([log], stillLog, result('offline', 'The hub did not answer.'))).toEqual(
      new Map([[log.ref.sha256, { kind: 'failed', message: 'The hub did not answer.' }]]),
    );
    expect(fetchOutcomes([log], stillLog, new Error('Storage is full.'))).toEqual(
      new Map([[log.ref.sha256, { kind: 'failed', message: 'Storage is full.' }]]),
    );
    expect(fetchOutcomes([log], stillLog, undefined)).toEqual(
      new Map([[log.ref.sha256, { kind: 'no-sync' }]]),
    );
  });

  it('lists a file that arrived after the fetch as fetched, and one missing since without an outcome', () => {
    const rows = evidenceRows([photo], {
      asked: [log],
      outcomes: new Map([[log.ref.sha256, { kind: 'not-on-hub' }]]),
    });
    expect(rows).toEqual([{ file: log, outcome: { kind: 'arrived' } }, { file: photo }]);
    expect(evidenceRows([photo, log], undefined)).toEqual([{ file: photo }, { file: log }]);
  });
});
