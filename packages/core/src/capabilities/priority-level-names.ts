import { ValidationError } from '../errors/validation-error.js';

/**
 * Where priority emulation (capabilities.priorities 'none') keeps each level of a queue: the
 * store queue `<queue>:mq-p<level>`, for levels 1–10. Names stay within the characters of a queue
 * name, so any provider takes them; the suffix is reserved (a queue of one's own cannot end in it)
 * and leaves 121 characters for the queue's own name.
 */
const SUFFIX = /:mq-p(10|[1-9])$/;
const SUFFIX_MAX_LENGTH = ':mq-p10'.length;
const QUEUE_NAME_MAX_LENGTH = 128;

/** The store queue that holds the messages of priority `priority` of `queueName`. */
export function priorityLevelQueueName(queueName: string, priority: number): string {
  return `${queueName}:mq-p${priority}`;
}

/** The queue and level a store queue holds, or undefined if it is not a level's store queue. */
export function parsePriorityLevelQueueName(storeName: string): { queueName: string; priority: number } | undefined {
  const match = SUFFIX.exec(storeName);
  return match === null ? undefined : { queueName: storeName.slice(0, match.index), priority: Number(match[1]) };
}

/** Throws MQ_INVALID_QUEUE_NAME for a name that cannot carry the levels (already valid as a queue name otherwise). */
export function checkLevelledQueueName(queueName: string): void {
  if (queueName.length + SUFFIX_MAX_LENGTH > QUEUE_NAME_MAX_LENGTH || SUFFIX.test(queueName)) {
    throw new ValidationError(
      'MQ_INVALID_QUEUE_NAME',
      `Invalid queue name "${queueName.length > 40 ? `${queueName.slice(0, 40)}…` : queueName}" for a provider without priorities: the core keeps each priority in a queue of its own named <queue>:mq-p<1-10>, so names may not end in that and have at most ${QUEUE_NAME_MAX_LENGTH - SUFFIX_MAX_LENGTH} characters.`,
      { field: 'queueName' },
    );
  }
}
