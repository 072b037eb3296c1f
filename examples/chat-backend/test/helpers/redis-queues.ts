import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import { inject } from 'vitest';
import type { ChatPayloads } from '../../src/chat-payloads.js';
import { CHAT_QUEUE_OPTIONS } from '../../src/queue-service.js';

let counter = 0;

/** A prefix no other test uses: tests share the redis project's servers and stay apart by prefix. */
export function uniquePrefix(): string {
  return `ct${process.pid}n${++counter}`;
}

/** The chat backend's queue on the redis project's standalone server; same prefix = same app. */
export function redisQueue(prefix = uniquePrefix()): MessageQueue<ChatPayloads> {
  return new MessageQueue<ChatPayloads>({ provider: createRedisProvider({ url: `redis://127.0.0.1:${inject('redisPort')}`, prefix }), ...CHAT_QUEUE_OPTIONS });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Port of the redis project's standalone redis-server (packages/redis/test/global-setup.ts). */
    redisPort: number;
    redisClusterPorts: number[];
  }
}
