// The same suite as ../idempotency-key.test.ts, on Redis (cluster) from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { idempotencyKeySuite } from '../suites/idempotency-key-suite.js';

useQueueFactory(() => redisQueue(true), 'redis');
idempotencyKeySuite();
