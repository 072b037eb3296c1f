import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import { inject } from 'vitest';

let counter = 0;

/** A prefix no other test uses: tests share the redis project's servers and stay apart by prefix. */
export function uniquePrefix(): string {
  return `st${process.pid}n${++counter}`;
}

/**
 * A queue on the redis project's standalone server, publishing its events to every instance.
 * Queues made with the same prefix are instances of one app.
 */
export function redisQueue(prefix = uniquePrefix()): MessageQueue {
  return new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${inject('redisPort')}`, prefix }), publishEvents: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Port of the redis project's standalone redis-server (packages/redis/test/global-setup.ts). */
    redisPort: number;
    redisClusterPorts: number[];
  }
}
