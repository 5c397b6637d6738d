// Publishes draft checklist definitions into checklists/lock.json: see cli/checklists/publish-command.ts.
import { runPublish } from './checklists/publish-command';
import { runCommand } from './checklists/run-command';

await runCommand(runPublish);
