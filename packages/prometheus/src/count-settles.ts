import { isMqError, type MessageQueue, type ReceivedMessage } from '@mq/core';
import type { QueueTallies } from './queue-tallies.js';

type Observer = { observe(value: number): void };
type Observe = (queueName: string) => Observer;

/** Deliveries whose handler started here and did not settle here (given back at shutdown) are forgotten past this many. */
const MAX_RUNNING = 100_000;

/**
 * Counts this process's enqueues and settles, and times its handler runs, from the queue's events
 * alone (no hook around each handler: a listener costs less than a promise chain per message).
 * One settle per attempt: `completed` (acked), `retried` (nacked with a retry scheduled),
 * `dead_lettered` (moved to the dead letters, MQ_LEASE_EXPIRED included) and `lease_expired` (the
 * ack or nack came after the lease ended, MQ_LEASE_LOST: the store hands the message out again).
 * The wait ends at `processing` (the take that hands the message to its handler, which starts
 * a microtask later); the run is the `completed` event's durationMs (take to the handler's
 * return), and for a failed run lasts until the nack's `failed` event. Returns the function that stops it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function countSettles(queue: MessageQueue<any>, tallies: QueueTallies, wait: Observe, process: Observe, clock: { now(): number }): () => void {
  const waits = new Map<string, Observer>();
  const runs = new Map<string, Observer>();
  const startedAt = new Map<string, number>();
  const child = (cache: Map<string, Observer>, make: Observe, queueName: string): Observer => {
    let observer = cache.get(queueName);
    if (observer === undefined) cache.set(queueName, (observer = make(queueName)));
    return observer;
  };
  const ran = (queueName: string, id: string): void => {
    const start = startedAt.get(id);
    if (start === undefined) return;
    startedAt.delete(id);
    child(runs, process, queueName).observe(Math.max(0, clock.now() - start) / 1000);
  };
  const onEnqueued = ({ queueName }: { queueName: string }) => void tallies.of(queueName).enqueued++;
  const onProcessing = ({ queueName, message }: { queueName: string; message: ReceivedMessage }) => {
    const now = clock.now();
    child(waits, wait, queueName).observe(Math.max(0, now - message.availableAt) / 1000);
    if (startedAt.size >= MAX_RUNNING) startedAt.clear();
    startedAt.set(message.id, now);
  };
  const onCompleted = ({ queueName, message, durationMs }: { queueName: string; message: ReceivedMessage; durationMs: number }) => {
    tallies.of(queueName).completed++;
    // Take to the handler's return, measured before the ack was sent.
    startedAt.delete(message.id);
    child(runs, process, queueName).observe(durationMs / 1000);
  };
  const onFailed = ({ queueName, message }: { queueName: string; message: ReceivedMessage }) => ran(queueName, message.id);
  const onRetrying = ({ queueName }: { queueName: string }) => void tallies.of(queueName).retried++;
  const onDeadLetter = ({ queueName }: { queueName: string }) => void tallies.of(queueName).deadLettered++;
  const onError = (error: Error) => {
    if (!isMqError(error) || error.code !== 'MQ_LEASE_LOST') return;
    const { queueName, messageId } = error.details;
    if (typeof queueName !== 'string') return;
    tallies.of(queueName).leaseExpired++;
    if (typeof messageId === 'string') ran(queueName, messageId);
  };
  const listeners = { enqueued: onEnqueued, processing: onProcessing, completed: onCompleted, failed: onFailed, retrying: onRetrying, deadLetter: onDeadLetter, error: onError } as const;
  for (const [event, listener] of Object.entries(listeners)) queue.on(event as 'error', listener as (error: Error) => void);
  return () => {
    for (const [event, listener] of Object.entries(listeners)) queue.off(event as 'error', listener as (error: Error) => void);
  };
}
