import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import { inject } from 'vitest';
import { scrapeSuite } from '../suites/scrape-suite.js';

let counter = 0;

// The redis project's standalone server (packages/redis/test/global-setup.ts), a prefix of its own per queue.
scrapeSuite('redis', (retry) => new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${inject('redisPort')}`, prefix: `prom${process.pid}n${++counter}` }), retry }));

declare module 'vitest' {
  export interface ProvidedContext {
    redisPort: number;
  }
}
