import { validateQueueName } from '@mq/core';
import { ProblemError } from './problem.js';

/** Checks a queue name from the URL: 400 when malformed, 404 when not one of `known` (if given). */
export function resolveQueueName(raw: unknown, known: ReadonlySet<string> | undefined): string {
  const name = validateQueueName(raw);
  if (known !== undefined && !known.has(name)) {
    throw new ProblemError('queue-not-found', `There is no queue "${name}".`, { extensions: { queueName: name } });
  }
  return name;
}
