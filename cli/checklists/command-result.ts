// What a checklists command returns: its output lines and exit code. Commands never print or exit
// themselves, so tests call them directly; run-command.ts is the thin node entry that prints.

export interface CommandContext {
  /** Paths are resolved against, and printed relative to, this folder. */
  cwd: string;
}

export interface CommandResult {
  /** 0: all good; 1: problems found (or refused); 2: wrong usage or an internal error. */
  exitCode: 0 | 1 | 2;
  stdout: string[];
  stderr: string[];
}

export type Command = (args: readonly string[], context: CommandContext) => Promise<CommandResult>;

export function usageError(message: string, usage: string): CommandResult {
  return { exitCode: 2, stdout: [], stderr: [message, `usage: ${usage}`] };
}
