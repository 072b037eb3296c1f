import { isMqError, type MessageQueue } from '@mq/core';
import { usageError } from '../cli-error.js';
import type { CommandOutput } from '../command-output.js';

export const replayHelp = 'mq replay <queue> <ids...|--all --yes> [--json]\n  Puts dead letters back in the queue with attempts reset.\n';

/** replayMessages (with progress on stderr) where the provider has the admin seams, else replayDeadLetters. */
export async function replayCommand(queue: MessageQueue, positionals: readonly string[], out: CommandOutput, all: boolean): Promise<void> {
  const [name, ...ids] = positionals;
  if (name === undefined || (all ? ids.length > 0 : ids.length === 0)) throw usageError('mq replay takes a queue and either ids or --all: mq replay <queue> <ids...> | mq replay <queue> --all --yes');
  let replayed: string[];
  let notFound: string[];
  try {
    const report = await queue.replayMessages(name, all ? { all: true } : { ids }, { onProgress: (done, total) => out.warn(`replayed ${done}${total === undefined ? '' : '/' + total}\n`) });
    replayed = report.results.filter((r) => r.outcome === 'done').map((r) => r.id);
    notFound = report.results.filter((r) => r.outcome !== 'done').map((r) => r.id);
  } catch (error) {
    if (!isMqError(error) || error.code !== 'MQ_UNSUPPORTED') throw error;
    ({ replayed, notFound } = await queue.replayDeadLetters(name, all ? undefined : ids));
  }
  out.write(out.json ? JSON.stringify({ queueName: name, replayed, notFound }) + '\n' : `Replayed ${replayed.length} dead letters of ${name}${notFound.length > 0 ? `; not dead letters: ${notFound.join(', ')}` : ''}.\n`);
}
