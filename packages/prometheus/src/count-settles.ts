import { isMqError, type MessageQueue } from '@mq/core';
import type { QueueMetrics, SettleOutcome } from './queue-metrics.js';

/**
 * Counts this process's enqueues and settles from the queue's events; returns the function that
 * stops counting. One settle per attempt: `completed` (acked), `retried` (nacked with a retry
 * scheduled), `dead_lettered` (moved to the dead letters, MQ_LEASE_EXPIRED included) and
 * `lease_expired` (the ack or nack came after the lease ended, MQ_LEASE_LOST: the store hands the
 * message out again). Per-queue children are looked up once, not per message.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function countSettles(queue: MessageQueue<any>, metrics: QueueMetrics): () => void {
  const enqueued = new Map<string, { inc(): void }>();
  const settled = new Map<string, { inc(): void }>();
  const enqueuedIn = (queueName: string) => {
    let child = enqueued.get(queueName);
    if (child === undefined) enqueued.set(queueName, (child = metrics.enqueued.labels(queueName)));
    return child;
  };
  const settle = (queueName: string, outcome: SettleOutcome) => {
    const key = `${outcome}\u0000${queueName}`;
    let child = settled.get(key);
    if (child === undefined) settled.set(key, (child = metrics.settled.labels(queueName, outcome)));
    child.inc();
  };
  const onEnqueued = ({ queueName }: { queueName: string }) => enqueuedIn(queueName).inc();
  const onCompleted = ({ queueName }: { queueName: string }) => settle(queueName, 'completed');
  const onRetrying = ({ queueName }: { queueName: string }) => settle(queueName, 'retried');
  const onDeadLetter = ({ queueName }: { queueName: string }) => settle(queueName, 'dead_lettered');
  const onError = (error: Error) => {
    if (!isMqError(error) || error.code !== 'MQ_LEASE_LOST') return;
    const queueName = error.details.queueName;
    if (typeof queueName === 'string') settle(queueName, 'lease_expired');
  };
  queue.on('enqueued', onEnqueued);
  queue.on('completed', onCompleted);
  queue.on('retrying', onRetrying);
  queue.on('deadLetter', onDeadLetter);
  queue.on('error', onError);
  return () => {
    queue.off('enqueued', onEnqueued);
    queue.off('completed', onCompleted);
    queue.off('retrying', onRetrying);
    queue.off('deadLetter', onDeadLetter);
    queue.off('error', onError);
  };
}
