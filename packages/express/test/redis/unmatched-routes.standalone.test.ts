// The same suite as ../unmatched-routes.test.ts, on Redis (standalone) from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { unmatchedRoutesSuite } from '../suites/unmatched-routes-suite.js';

useQueueFactory(() => redisQueue(false), 'redis');
unmatchedRoutesSuite();
