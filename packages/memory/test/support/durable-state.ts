import type { QueueProvider } from '@mq/core/provider';
import { DurableQueueState } from '../../src/durable/durable-queue-state.js';
import { queueStatesOf } from '../../src/queue-states.js';

/** Everything a durable provider's queues hold, in order (lease tokens aside): two providers with equal states behave the same. */
export function durableStateOf(provider: QueueProvider): unknown {
  const queues = queueStatesOf(provider);
  if (queues === undefined) throw new Error('not an in-memory provider');
  return [...queues].map(([name, queue]) => {
    if (!(queue instanceof DurableQueueState)) throw new Error(`queue ${name} is not durable`);
    return { name, records: [...queue.images()], dead: [...queue.dead.values()], completed: queue.completed, processingMsTotal: queue.processingMsTotal, nextSeq: queue.nextSeq, paused: queue.paused };
  });
}
