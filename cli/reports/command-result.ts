// What the report commands return: output lines and an exit code. Commands never print or exit
// themselves, so tests call them directly; run-command.ts is the thin node entry that prints.
// (Same contract as cli/checklists/command-result.ts, kept separate so each command family owns
// its files.)

export interface CommandContext {
  /** Paths are resolved against this folder. */
  cwd: string;
}

export interface CommandResult {
  /** 0: valid; 1: invalid or unreadable input; 2: wrong usage or an internal error. */
  exitCode: 0 | 1 | 2;
  stdout: string[];
  stderr: string[];
}

export type Command = (args: readonly string[], context: CommandContext) => Promise<CommandResult>;
