import { MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { attachQueueEventsSuite } from './suites/attach-queue-events-suite.js';

attachQueueEventsSuite(() => new MessageQueue({ provider: createInMemoryProvider() }));
