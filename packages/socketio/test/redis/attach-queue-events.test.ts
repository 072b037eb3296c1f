// The same suite as ../attach-queue-events.test.ts, with events carried through Redis pub/sub.
import { redisQueue } from '../helpers/redis-queues.js';
import { attachQueueEventsSuite } from '../suites/attach-queue-events-suite.js';

attachQueueEventsSuite(() => redisQueue());
