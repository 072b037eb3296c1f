// The same suite as ../admin-routes.test.ts, on Redis (cluster) from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { adminRoutesSuite } from '../suites/admin-routes-suite.js';

useQueueFactory(() => redisQueue(true), 'redis');
adminRoutesSuite();
