// The same suite as ../management-routes.test.ts, on Redis (standalone) from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { managementRoutesSuite } from '../suites/management-routes-suite.js';

useQueueFactory(() => redisQueue(false), 'redis');
managementRoutesSuite();
