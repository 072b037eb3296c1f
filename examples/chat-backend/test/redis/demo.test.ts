// The demo end to end on Redis (single instance).
import { redisQueue } from '../helpers/redis-queues.js';
import { demoSuite } from '../suites/demo-suite.js';

demoSuite(() => redisQueue());
