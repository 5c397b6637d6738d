// Verifies a signed go-live report offline: see cli/reports/verify-command.ts.
import { runCommand } from './reports/run-command';
import { runReportVerify } from './reports/verify-command';

await runCommand(runReportVerify);
