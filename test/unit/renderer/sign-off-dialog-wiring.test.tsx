// @vitest-environment jsdom
import 'fake-indexeddb/auto';
// The sign-off dialog as the run screen opens it (features/signoff/sign-off-dialog.tsx), over the
// app's own services on fake-indexeddb and the web bridge's device key: a file whose bytes are not
// on this device is named with who attached it (read from the run's events); "Fetch it now" runs
// the app's sync, which on a device without a hub says so for the file; "Sign off without 1 file"
// signs, and the stored report declares the file not included.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../../renderer/app/services';
import { SignOffDialog } from '../../../renderer/features/signoff/sign-off-dialog';
import { buttonNamed, GO_GATE, press, reactHarness, typeInTextArea } from './react-harness';
import { ana, tinyDefinitionRow } from './storage-fixtures';
import { createTinyRun, markRequiredDone } from './tiny-run';

const harness = reactHarness();

const profile: Profile = {
  id: ana.id,
  name: ana.name,
  role: 'admin',
  office: 'Berlin office',
  createdAt: '2025-05-29T08:00:00.000Z',
  updatedAt: '2025-05-29T08:00:00.000Z',
};

/** Lets IndexedDB and React work until `holds` (no fixed sleep: each turn yields once). */
async function until(holds: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 4000; turn++) {
    if (holds()) return;
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }
  throw new Error(`never happened: ${what}`);
}

function dialog(): HTMLElement {
  const found = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!found) throw new Error('no dialog');
  return found;
}

const dialogText = () => document.querySelector('[role="dialog"]')?.textContent ?? '';

describe('the sign-off dialog over the app services', () => {
  it('names the file not on this device, fetches, and signs without it only when chosen', async () => {
    const { db, runs } = services;
    await db.definitions.put(tinyDefinitionRow());
    const run = await createTinyRun(runs);
    await markRequiredDone(runs, run.id);
    // Attached on another laptop: the answer names the file, no row here holds its bytes.
    const ref = {
      id: 'att-speed',
      name: 'speed.png',
      mimeType: 'image/png',
      size: 2048,
      sha256: 'c'.repeat(64),
    };
    const attached = await runs.apply(
      run.id,
      { type: 'attach', itemId: 'speed-test', attachment: ref },
      ana,
    );
    if (!attached.ok) throw new Error(attached.error.message);

    let isOpen = true;
    harness.render(
      <SignOffDialog
        runId={run.id}
        runName="Berlin office"
        gate={GO_GATE}
        profile={profile}
        isOpen
        onOpenChange={(open) => {
          isOpen = open;
        }}
      />,
    );
    await until(() => dialogText().includes('speed.png'), 'the missing file is named');
    expect(dialogText()).toContain('1 file is not on this device');
    expect(dialogText()).toContain('Item: Speed test');
    expect(dialogText()).toContain(`attached by ${ana.name}`);
    expect(() => buttonNamed(dialog(), 'Sign off')).toThrow(/no button Sign off;/);

    await press(buttonNamed(dialog(), 'Fetch it now'));
    await until(
      () => dialogText().includes('this device is not connected to a hub'),
      'the fetch says why nothing came',
    );

    typeInTextArea(dialog(), 'The photo stayed on the technician laptop.');
    await press(buttonNamed(dialog(), 'Sign off without 1 file'));
    await until(() => !isOpen, 'the dialog closes after signing');
    const row = await services.reports.latestForRun(run.id);
    expect(row?.signed.body.evidenceNotIncluded).toEqual([ref.sha256]);
    expect((await db.runs.get(run.id))?.state).toBe('signed');
  });
});
