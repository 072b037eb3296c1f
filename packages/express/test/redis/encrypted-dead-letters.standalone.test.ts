// The same suite as ../encrypted-dead-letters.test.ts, on Redis (standalone) from the redis project's global setup.
import { createRedisProvider } from '@mq/redis';
import { redisUrl, uniquePrefix } from '../helpers/redis-queues.js';
import { encryptedDeadLettersSuite } from '../suites/encrypted-dead-letters-suite.js';

encryptedDeadLettersSuite(() => createRedisProvider({ url: redisUrl(false), prefix: uniquePrefix() }));
