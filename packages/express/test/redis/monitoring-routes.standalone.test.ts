// The same suite as ../monitoring-routes.test.ts, on Redis (standalone) from the redis project's global setup.
import { useQueueFactory } from '../helpers/create-test-app.js';
import { redisQueue } from '../helpers/redis-queues.js';
import { monitoringRoutesSuite } from '../suites/monitoring-routes-suite.js';

useQueueFactory(() => redisQueue(false), 'redis');
monitoringRoutesSuite();
