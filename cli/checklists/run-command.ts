// Runs a checklists command from a node entry file: passes argv and cwd, prints its lines and sets
// the exit code. An unexpected error prints one line (no stack trace unless DEBUG is set).
import type { Command } from './command-result';

export async function runCommand(command: Command): Promise<void> {
  try {
    const result = await command(process.argv.slice(2), { cwd: process.cwd() });
    if (result.stdout.length > 0) process.stdout.write(`${result.stdout.join('\n')}\n`);
    if (result.stderr.length > 0) process.stderr.write(`${result.stderr.join('\n')}\n`);
    process.exitCode = result.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `internal error: ${message} (set DEBUG=1 for details; please report it)\n`,
    );
    if (process.env.DEBUG !== undefined && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    process.exitCode = 2;
  }
}
