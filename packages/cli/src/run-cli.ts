import { isMqError, type MessageQueue } from '@mq/core';
import { CliError, usageError } from './cli-error.js';
import type { CommandOutput } from './command-output.js';
import { openQueue } from './open-queue.js';
import { parseCliArgs, type CliArgs } from './parse-cli-args.js';
import { lsCommand, lsHelp } from './commands/ls.js';
import { pauseCommand, pauseHelp } from './commands/pause.js';
import { replayCommand, replayHelp } from './commands/replay.js';
import { purgeCommand, purgeHelp } from './commands/purge.js';
import { showCommand, showHelp } from './commands/show.js';
import { statsCommand, statsHelp } from './commands/stats.js';
import { tailCommand, tailHelp } from './commands/tail.js';

type Run = (queue: MessageQueue, args: CliArgs, out: CommandOutput, signal: AbortSignal) => Promise<void>;
interface Command { help: string; run: Run; destructive?: (all: boolean) => boolean }

const COMMANDS: Record<string, Command> = {
  stats: { help: statsHelp, run: (q, a, o) => statsCommand(q, a.positionals, o) },
  ls: { help: lsHelp, run: lsCommand },
  show: { help: showHelp, run: (q, a, o) => showCommand(q, a.positionals, o) },
  tail: { help: tailHelp, run: (q, a, o, signal) => tailCommand(q, a.positionals, o, signal) },
  purge: { help: purgeHelp, run: (q, a, o) => purgeCommand(q, a.positionals, o), destructive: () => true },
  replay: { help: replayHelp, run: (q, a, o) => replayCommand(q, a.positionals, o, a.all), destructive: (all) => all },
  pause: { help: pauseHelp, run: (q, a, o) => pauseCommand(q, a.positionals, o, true) },
  resume: { help: pauseHelp, run: (q, a, o) => pauseCommand(q, a.positionals, o, false) },
};

const GLOBAL_HELP = `mq <command> [options]\n\nCommands:\n${Object.values(COMMANDS).map((c) => '  ' + c.help.split('\n')[0]).join('\n')}\n\nOptions: --json, --yes, --redis-url <url>, --state, --limit, --cursor (ls), --help\nEnvironment: MESSAGE_QUEUE_PROVIDER, REDIS_URL, MQ_MEMORY_DIR (required on memory)\nExit codes: 0 ok, 1 failure, 2 usage\n`;

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdinIsTty: boolean;
  /** Aborted on Ctrl-C: ends mq tail (exit 0). */
  signal?: AbortSignal;
}

/** Runs one mq command; resolves with its exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === undefined) {
      (args.help ? io.stdout : io.stderr)(GLOBAL_HELP);
      return args.help ? 0 : 2;
    }
    const command = COMMANDS[args.command];
    if (command === undefined) throw usageError(`Unknown command "${args.command}": use one of ${Object.keys(COMMANDS).join(', ')}.`);
    if (args.help) return io.stdout(command.help), 0;
    if (command.destructive?.(args.all) === true && !args.yes && !io.stdinIsTty) throw usageError(`mq ${args.command} changes stored messages: pass --yes (stdin is not a terminal).`);
    const queue = await openQueue(io.env, args.redisUrl);
    try {
      await command.run(queue, args, { json: args.json, write: io.stdout, warn: io.stderr }, io.signal ?? new AbortController().signal);
    } finally {
      await queue.disconnect();
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`mq: ${error.message}\n`);
      return error.exitCode;
    }
    const code = isMqError(error) ? ` (${error.code})` : '';
    io.stderr(`mq: ${(error as Error).message}${code}\n`);
    return isMqError(error) && (error.code === 'MQ_INVALID_CONFIG' || error.code === 'MQ_INVALID_ARGUMENT') ? 2 : 1;
  }
}
