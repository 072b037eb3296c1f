import { ValidationError } from '../errors/validation-error.js';
import { validateQueueName } from '../message/validate.js';

/**
 * The queues an app owns: the names it declared (options.queues) and those this MessageQueue
 * enqueued to, dequeued from or subscribed to. A store may hold other apps' queues too (on Redis,
 * everything under the key prefix); listing and stats cover these unless asked for all.
 */
export class AppQueues {
  private readonly declared: Set<string>;
  private readonly used = new Set<string>();
  /** The name used last: calls on one queue in a row cost one comparison (this runs for every message). */
  private lastUsed: string | undefined;

  /** `onFirstUse` runs when a name is used for the first time (again after forget()). */
  constructor(
    declared: unknown,
    private readonly onFirstUse?: (queueName: string) => void,
  ) {
    this.declared = new Set(validateDeclaredQueues(declared));
  }

  /** Remembers that this instance used `queueName` (already validated). */
  use(queueName: string): void {
    if (queueName === this.lastUsed) return;
    if (!this.used.has(queueName)) {
      this.used.add(queueName);
      this.onFirstUse?.(queueName);
    }
    this.lastUsed = queueName;
  }

  /** The queue was deleted: it is no longer the app's until it is used again. */
  forget(queueName: string): void {
    this.declared.delete(queueName);
    this.used.delete(queueName);
    if (this.lastUsed === queueName) this.lastUsed = undefined;
  }

  /** Declared and used names, sorted. */
  list(): string[] {
    const names = new Set(this.declared);
    for (const name of this.used) names.add(name);
    return [...names].sort();
  }
}

function validateDeclaredQueues(queues: unknown): string[] {
  if (queues === undefined) return [];
  if (!Array.isArray(queues)) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'options.queues must be an array of queue names, e.g. ["chat_messages", "agent_responses"].', {
      field: 'queues',
    });
  }
  return queues.map((name: unknown, index) => validateQueueName(name, `queues[${index}]`));
}
