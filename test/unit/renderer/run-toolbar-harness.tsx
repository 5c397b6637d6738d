// The run toolbar as the run screen holds it (inside the views' Tabs), for the toolbar's tests.
import { Tabs } from 'react-aria-components';
import { RunToolbar } from '../../../renderer/features/runs/run-toolbar';
import type { ReactHarness } from './react-harness';

export function renderRunToolbar(harness: ReactHarness, isShared = false): HTMLElement {
  return harness.render(
    <Tabs>
      <RunToolbar
        departments={[]}
        myDepartment={undefined}
        onMyDepartment={() => undefined}
        onUndo={() => undefined}
        canUndo
        isShared={isShared}
      />
    </Tabs>,
  );
}
