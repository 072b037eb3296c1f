import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import { inject } from 'vitest';

let counter = 0;

/** A queue on the redis project's standalone server, with a key prefix no other test uses. */
export function redisQueue(): MessageQueue {
  return new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${inject('redisPort')}`, prefix: `dash${process.pid}n${++counter}` }) });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Port of the redis project's standalone redis-server (packages/redis/test/global-setup.ts). */
    redisPort: number;
    /** Ports of the redis project's 3-master cluster. */
    redisClusterPorts: number[];
  }
}
