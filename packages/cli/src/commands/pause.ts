import type { MessageQueue } from '@mq/core';
import { usageError } from '../cli-error.js';
import type { CommandOutput } from '../command-output.js';

export const pauseHelp = 'mq pause|resume <queue> [--json]\n  Consumers on every instance stop (or start again) taking from the queue; enqueues continue.\n';

export async function pauseCommand(queue: MessageQueue, positionals: readonly string[], out: CommandOutput, paused: boolean): Promise<void> {
  const [name] = positionals;
  if (name === undefined || positionals.length > 1) throw usageError(`mq ${paused ? 'pause' : 'resume'} takes one queue name.`);
  await (paused ? queue.pauseQueue(name) : queue.resumeQueue(name));
  out.write(out.json ? JSON.stringify({ queueName: name, paused }) + '\n' : `${name} ${paused ? 'paused' : 'resumed'}.\n`);
}
