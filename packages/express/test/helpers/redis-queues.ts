import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import { inject } from 'vitest';
import { registerPeer } from './create-test-app.js';

let counter = 0;

/** A prefix no other test uses: tests share the redis project's servers and stay apart by prefix. */
export function uniquePrefix(): string {
  return `xt${process.pid}n${++counter}`;
}

/** The redis project's standalone server, or its 3-master cluster, as a REDIS_URL. */
export function redisUrl(cluster: boolean): string {
  return cluster ? inject('redisClusterPorts').map((port) => `redis://127.0.0.1:${port}`).join(',') : `redis://127.0.0.1:${inject('redisPort')}`;
}

/** A queue on the test Redis with its own key prefix. */
export function redisQueue(cluster = false, options: { publishEvents?: boolean; prefix?: string } = {}): MessageQueue {
  const prefix = options.prefix ?? uniquePrefix();
  const make = (): MessageQueue => new MessageQueue({ provider: createRedisProvider({ url: redisUrl(cluster), prefix }), publishEvents: options.publishEvents ?? false });
  return registerPeer(make(), make);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Port of the redis project's standalone redis-server (packages/redis/test/global-setup.ts). */
    redisPort: number;
    /** Ports of the redis project's 3-master cluster. */
    redisClusterPorts: number[];
  }
}
