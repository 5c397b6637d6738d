// `npm run report:verify -- <file.pdf | bundle.zip | report.json> [--trust trust-list.json]`:
// verifies a signed report offline. Prints VALID or INVALID, what the report is, one line per
// signature and one per problem; exit 0 only when valid. Without --trust the keys are not checked
// against anything, so the result is INVALID ("no trust list given") and the exit code 1.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTrustList, verifyReport, type TrustList } from '../../core/reports';
import { nodeEd25519 } from '../../hub/node-ed25519';
import { nodeSha256 } from '../../hub/node-sha256';
import type { CommandContext, CommandResult } from './command-result';
import { formatVerification } from './format-verification';
import { readReportFile } from './read-report-file';

export const VERIFY_USAGE =
  'npm run report:verify -- <file.pdf | bundle.zip | report.json> [--trust trust-list.json]';

function usage(message: string): CommandResult {
  return { exitCode: 2, stdout: [], stderr: [message, `usage: ${VERIFY_USAGE}`] };
}

interface Arguments {
  file: string;
  trust?: string;
}

function parseArguments(args: readonly string[]): Arguments | string {
  const files: string[] = [];
  let trust: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--trust') {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) return '--trust needs a file';
      trust = next;
      i += 1;
    } else if (arg.startsWith('--trust=')) {
      trust = arg.slice('--trust='.length);
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) return 'which file? give the PDF, bundle or report to verify';
  if (files.length > 1) return `one file at a time (got ${files.length})`;
  return trust === undefined ? { file: files[0] as string } : { file: files[0] as string, trust };
}

async function loadTrust(file: string, cwd: string): Promise<TrustList | string[]> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [
      `Cannot read the trust list ${file}: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}.`,
    ];
  }
  const parsed = parseTrustList(text);
  return parsed.ok
    ? parsed.trust
    : parsed.problems.map((problem) => `trust list ${file}: ${problem}`);
}

export async function runReportVerify(
  args: readonly string[],
  { cwd }: CommandContext,
): Promise<CommandResult> {
  if (args.includes('--help') || args.includes('-h')) {
    return { exitCode: 0, stdout: [`usage: ${VERIFY_USAGE}`], stderr: [] };
  }
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') return usage(parsed);

  let trust: TrustList | null = null;
  if (parsed.trust !== undefined) {
    const loaded = await loadTrust(parsed.trust, cwd);
    if (Array.isArray(loaded))
      return {
        exitCode: 1,
        stdout: ['INVALID', ...loaded.map((p) => `problem: ${p}`)],
        stderr: [],
      };
    trust = loaded;
  }
  const input = await readReportFile(parsed.file, cwd);
  if (!input.ok) {
    return {
      exitCode: 1,
      stdout: ['INVALID', ...input.problems.map((problem) => `problem: ${problem}`)],
      stderr: [],
    };
  }
  const result = verifyReport(input.report, trust, {
    ed25519: nodeEd25519,
    sha256: nodeSha256,
  });
  const output = formatVerification(input.report, result, input.problems, input.kind);
  return { exitCode: output.valid ? 0 : 1, stdout: output.lines, stderr: [] };
}
