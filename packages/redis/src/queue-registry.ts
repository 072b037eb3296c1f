import type { IoredisConnection } from './ioredis-connection.js';
import { queueKeys, registryKey, type QueueKeys } from './queue-keys.js';
import { scriptQueue, type ScriptQueue } from './script-keys.js';
import { toMqError } from './to-mq-error.js';

/**
 * The queues this provider has used: each one's keys (validated and built once), and the set of
 * every queue name under the prefix in Redis (`P:queues`, for listQueues), which a queue joins at
 * its first operation in this process.
 */
export class QueueRegistry {
  private readonly queues = new Map<string, ScriptQueue>();
  /** Queues known to be in the set in Redis (added by this process). */
  private readonly registered = new Set<string>();
  private readonly key: string;

  constructor(
    private readonly connection: IoredisConnection,
    readonly prefix: string,
  ) {
    this.key = registryKey(prefix);
  }

  /** The queue as its scripts see it. Throws MQ_INVALID_QUEUE_NAME for a bad name, before any key is built. */
  get(queueName: string): ScriptQueue {
    let queue = this.queues.get(queueName);
    if (queue === undefined) {
      queue = scriptQueue(queueKeys(this.prefix, queueName));
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  keys(queueName: string): QueueKeys {
    return this.get(queueName).keys;
  }

  /** Validates the name, records the queue as used once per process, and maps failures to MqErrors. */
  op<T>(operation: string, queueName: string, fn: (queue: ScriptQueue) => Promise<T>): Promise<T> {
    const fail = (error: unknown): never => {
      throw toMqError(error, operation);
    };
    try {
      const queue = this.get(queueName);
      // The hot path (a queue already registered) adds no async frame of its own.
      if (this.registered.has(queueName)) return fn(queue).catch(fail);
      return this.connection
        .addToSet(this.key, queueName)
        .then(() => {
          this.registered.add(queueName);
          return fn(queue);
        })
        .catch(fail);
    } catch (error) {
      return Promise.reject(toMqError(error, operation));
    }
  }

  /** Records the queues as used (those not yet known in this process), e.g. the targets of a routed publish; undefined when all are known. */
  register(queueNames: readonly string[]): Promise<void> | undefined {
    const missing = queueNames.filter((name) => !this.registered.has(name));
    return missing.length === 0 ? undefined : this.registerAll(missing);
  }

  private async registerAll(queueNames: readonly string[]): Promise<void> {
    for (const name of queueNames) {
      if (this.registered.has(name)) continue;
      this.get(name);
      await this.connection.addToSet(this.key, name);
      this.registered.add(name);
    }
  }

  async list(): Promise<string[]> {
    try {
      return await this.connection.setMembers(this.key);
    } catch (error) {
      throw toMqError(error, 'listQueues');
    }
  }

  /** Deletes the queue with `deleteKeys`, then removes its name from the set. */
  async delete(queueName: string, deleteKeys: (queue: ScriptQueue) => Promise<unknown>): Promise<void> {
    try {
      await deleteKeys(this.get(queueName));
      await this.connection.removeFromSet(this.key, queueName);
      this.registered.delete(queueName);
    } catch (error) {
      throw toMqError(error, 'deleteQueue');
    }
  }
}
