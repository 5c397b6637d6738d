// Runs a report command from a node entry file: passes argv and cwd, prints its lines (with control
// characters escaped, so text from a report cannot forge a line or move the cursor) and sets the
// exit code. An unexpected error prints one line, never a stack trace unless DEBUG is set.
import type { Command } from './command-result';
import { safeLine } from './safe-text';

export async function runCommand(command: Command): Promise<void> {
  try {
    const result = await command(process.argv.slice(2), { cwd: process.cwd() });
    if (result.stdout.length > 0) {
      process.stdout.write(`${result.stdout.map(safeLine).join('\n')}\n`);
    }
    if (result.stderr.length > 0) {
      process.stderr.write(`${result.stderr.map(safeLine).join('\n')}\n`);
    }
    process.exitCode = result.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `internal error: ${safeLine(message)} (set DEBUG=1 for details; please report it)\n`,
    );
    if (process.env.DEBUG !== undefined && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    process.exitCode = 2;
  }
}
