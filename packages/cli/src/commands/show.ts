import type { MessageQueue } from '@mq/core';
import { CliError, usageError } from '../cli-error.js';
import type { CommandOutput } from '../command-output.js';

export const showHelp = 'mq show <queue> <id> [--json]\n  One stored message: state, payload, attempts, last error and times. Exit 1 when the queue does not hold it.\n';

export async function showCommand(queue: MessageQueue, positionals: readonly string[], out: CommandOutput): Promise<void> {
  const [name, id, ...rest] = positionals;
  if (name === undefined || id === undefined || rest.length > 0) throw usageError('mq show takes a queue and one id: mq show <queue> <id>');
  const message = await queue.getMessage(name, id);
  if (message === null) throw new CliError(`Queue "${name}" holds no message "${id}" (completed, deleted or never enqueued).`, 1);
  if (out.json) return out.write(JSON.stringify(message) + '\n');
  const time = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
  const lines: [string, unknown][] = [
    ['id', message.id],
    ['queue', message.queueName],
    ['state', message.state],
    ['type', message.type],
    ['priority', message.priority],
    ['attempts', `${message.attempts} of ${message.maxRetries + 1}`],
    ['created', time(message.createdAt)],
    ['due', time(message.availableAt)],
    ['lease until', time(message.leaseExpiresAt)],
    ['group', message.groupId],
    ['last error', message.lastError === undefined ? undefined : `${message.lastError.name}: ${message.lastError.message}`],
    ['error', message.error === undefined ? undefined : `${message.error.name}: ${message.error.message}`],
    ['failed', time(message.failedAt)],
    ['metadata', JSON.stringify(message.metadata)],
    ['payload', message.decodeError === undefined ? JSON.stringify(message.payload, null, 2) : `(cannot be decoded: ${message.decodeError.message})`],
  ];
  out.write(lines.filter(([, value]) => value !== undefined).map(([key, value]) => `${(key + ':').padEnd(13)}${String(value)}`).join('\n') + '\n');
}
