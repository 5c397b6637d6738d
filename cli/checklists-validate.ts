// Validates checklist definitions and the lock of published versions: see cli/checklists/validate-command.ts.
import { runValidate } from './checklists/validate-command';
import { runCommand } from './checklists/run-command';

await runCommand(runValidate);
