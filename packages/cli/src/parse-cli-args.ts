import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  json: boolean;
  yes: boolean;
  all: boolean;
  help: boolean;
  redisUrl: string | undefined;
  /** mq ls: --state, --limit, --cursor. */
  state: string | undefined;
  limit: string | undefined;
  cursor: string | undefined;
}

/** argv (without node and the script) into a command, its positionals and the shared flags. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, yes: { type: 'boolean' }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, 'redis-url': { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run "mq --help".`);
  }
  const [command, ...positionals] = parsed.positionals;
  const v = parsed.values;
  return { command, positionals, json: v.json === true, yes: v.yes === true, all: v.all === true, help: v.help === true, redisUrl: v['redis-url'], state: v.state, limit: v.limit, cursor: v.cursor };
}
