import type { MessageQueue } from '@mq/core';
import { formatTable } from '../print-table.js';
import type { CommandOutput } from '../command-output.js';

export const statsHelp = 'mq stats [queue] [--json]\n  Counts of every queue of the store, or of one queue.\n';

export async function statsCommand(queue: MessageQueue, positionals: readonly string[], out: CommandOutput): Promise<void> {
  const [name] = positionals;
  const names = name === undefined ? await queue.listQueues({ allQueues: true }) : [name];
  const rows = await Promise.all(names.map(async (q) => queue.getStats(q)));
  if (out.json) return out.write(JSON.stringify(name === undefined ? rows : rows[0]) + '\n');
  // PAUSED only where the provider can pause (capabilities.admin: stats carry `paused`).
  const pausable = rows.some((s) => s.paused !== undefined);
  const headers = ['QUEUE', 'READY', 'DELAYED', 'PROCESSING', 'DEAD', 'COMPLETED', ...(pausable ? ['PAUSED'] : [])];
  out.write(formatTable(headers, rows.map((s) => [s.queueName, s.readyMessages, s.delayedMessages, s.processingMessages, s.failedMessages, s.completedMessages, ...(pausable ? [s.paused === true ? 'yes' : 'no'] : [])])));
}
