import type { MessageQueue, MessageState } from '@mq/core';
import { usageError } from '../cli-error.js';
import type { CommandOutput } from '../command-output.js';
import type { CliArgs } from '../parse-cli-args.js';
import { formatTable } from '../print-table.js';

export const lsHelp = 'mq ls <queue> --state ready|delayed|processing|dead [--limit N] [--cursor C] [--json]\n  One page of the stored messages in a state (default limit 20); the next page with --cursor.\n';

export async function lsCommand(queue: MessageQueue, args: CliArgs, out: CommandOutput): Promise<void> {
  const [name, ...rest] = args.positionals;
  if (name === undefined || rest.length > 0) throw usageError('mq ls takes one queue name: mq ls <queue> --state dead');
  if (args.state === undefined) throw usageError('mq ls needs --state: one of ready, delayed, processing, dead.');
  const limit = args.limit === undefined ? 20 : Number(args.limit);
  if (args.limit !== undefined && !/^\d+$/.test(args.limit)) throw usageError(`--limit ${JSON.stringify(args.limit)} is not a whole number (1-1000).`);
  const page = await queue.listMessages(name, { state: args.state as MessageState, limit, ...(args.cursor === undefined ? {} : { cursor: args.cursor }) });
  if (out.json) return out.write(JSON.stringify({ queueName: name, items: page.items, nextCursor: page.nextCursor }) + '\n');
  const when = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());
  const rows = page.items.map((m) => [m.id, m.type, m.priority, m.attempts, when(m.state === 'dead' ? m.failedAt : m.state === 'processing' ? m.leaseExpiresAt : m.availableAt), m.error?.message ?? m.lastError?.message ?? '']);
  const timeHeader = args.state === 'dead' ? 'FAILED AT' : args.state === 'processing' ? 'LEASE UNTIL' : 'DUE AT';
  out.write(formatTable(['ID', 'TYPE', 'PRIORITY', 'ATTEMPTS', timeHeader, 'ERROR'], rows));
  if (page.nextCursor !== null) out.warn(`more: mq ls ${name} --state ${args.state} --cursor ${page.nextCursor}\n`);
}
