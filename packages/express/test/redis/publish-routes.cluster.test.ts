// The same suite as ../publish-routes.test.ts, on Redis Cluster from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { publishRoutesSuite } from '../suites/publish-routes-suite.js';

useQueueFactory(() => redisQueue(true), 'redis');
publishRoutesSuite();
