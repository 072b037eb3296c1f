import type { EventEmitter } from 'eventemitter3';
import { runHandler } from '../instrumentation/run-handler.js';
import type { QueueParts } from './queue-parts.js';
import type { QueueEventMap } from './queue-events.js';
import type { SubscriptionEngine } from './subscribe-options.js';

/** What a queue's subscriptions use of it: takes, handler runs (through aroundHandler hooks), settles, waits. */
export function subscriptionEngine(parts: QueueParts, events: EventEmitter<QueueEventMap>): SubscriptionEngine {
  const { clock, deliveries, gateway, instrumentation } = parts;
  return {
    clock,
    // The provider waits for work inside doTake (capabilities.blockingTake, e.g. SQS long polling).
    blockingTake: parts.session.capabilities.blockingTake,
    take: async (queueName, max, leaseMs, waitMs, groupConcurrency) => {
      const { messages, skipped, settled } = await deliveries.take(queueName, max, leaseMs, 'subscribe', waitMs, groupConcurrency);
      if (skipped > 0) void settled.then((failure) => failure !== undefined && events.emit('error', failure));
      return messages;
    },
    runHandler: (handler, message, context) => runHandler(instrumentation, handler, message, context),
    ack: (message) => deliveries.ack(message),
    nack: (message, error) => deliveries.nack(message, error),
    release: (message) => deliveries.release(message),
    waitForWork: (queueName, signal) => gateway.waitForWork(queueName, signal),
    reportError: (error) => events.emit('error', error),
  };
}
