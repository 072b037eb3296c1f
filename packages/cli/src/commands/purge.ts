import type { MessageQueue } from '@mq/core';
import { usageError } from '../cli-error.js';
import type { CommandOutput } from '../command-output.js';

export const purgeHelp = 'mq purge <queue> --yes [--json]\n  Removes every waiting and in-flight message of the queue (dead letters stay).\n';

export async function purgeCommand(queue: MessageQueue, positionals: readonly string[], out: CommandOutput): Promise<void> {
  const [name] = positionals;
  if (name === undefined || positionals.length > 1) throw usageError('mq purge takes one queue name: mq purge <queue> --yes');
  const removed = await queue.purge(name);
  out.write(out.json ? JSON.stringify({ queueName: name, removed }) + '\n' : `Removed ${removed} messages from ${name}.\n`);
}
