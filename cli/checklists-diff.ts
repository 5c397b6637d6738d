// Prints what changed between two versions of a checklist definition: see cli/checklists/diff-command.ts.
import { runDiff } from './checklists/diff-command';
import { runCommand } from './checklists/run-command';

await runCommand(runDiff);
