// The same suite as ../enqueue-routes.test.ts, on Redis (cluster) from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { enqueueRoutesSuite } from '../suites/enqueue-routes-suite.js';

useQueueFactory(() => redisQueue(true), 'redis');
enqueueRoutesSuite();
