import type { ActivityEvent, MessageQueue } from '@mq/core';
import { usageError } from '../cli-error.js';
import type { CommandOutput } from '../command-output.js';

export const tailHelp = 'mq tail <queue> [--json]\n  Prints each message of the queue that completes or is dead-lettered, on any instance (apps with publishEvents), until Ctrl-C.\n';

/** Follows the queue's activity until `signal` aborts (Ctrl-C in the bin). */
export async function tailCommand(queue: MessageQueue, positionals: readonly string[], out: CommandOutput, signal: AbortSignal): Promise<void> {
  const [name, ...rest] = positionals;
  if (name === undefined || rest.length > 0) throw usageError('mq tail takes one queue name: mq tail <queue>');
  if (queue.providerName === 'memory') {
    throw usageError('mq tail follows a running app, and a persistent in-memory store has one owner at a time (the app, or the CLI): use it on a shared store (MESSAGE_QUEUE_PROVIDER=redis).');
  }
  const print = (event: ActivityEvent): void => {
    if (event.queueName !== name) return;
    if (out.json) return out.write(JSON.stringify({ event: event.event, queueName: event.queueName, id: event.message.id, type: event.message.type, at: event.at, ...(event.error === undefined ? {} : { error: event.error }) }) + '\n');
    const error = event.error === undefined ? '' : `  ${event.error.name}: ${event.error.message}`;
    out.write(`${new Date(event.at).toISOString()}  ${event.event === 'completed' ? 'completed   ' : 'dead-letter '}  ${event.message.id}  ${event.message.type}${error}\n`);
  };
  const stop = await queue.subscribeEvents(print);
  out.warn(`following ${name} (Ctrl-C to stop)\n`);
  try {
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  } finally {
    await stop();
  }
}
