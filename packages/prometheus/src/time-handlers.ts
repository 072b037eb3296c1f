import type { HandlerRunInfo, Instrumentation } from '@mq/core';
import type { QueueMetrics } from './queue-metrics.js';

type Observer = { observe(value: number): void };

/**
 * The aroundHandler hook behind the two histograms: at handler start, the wait since the message
 * became available (its availableAt: enqueue, or the end of its delay or retry backoff; on the
 * store's clock, so a clock skew between hosts shows here), then the handler's run time, whether
 * it returned or threw. Both in seconds.
 */
export function timeHandlers(metrics: QueueMetrics, clock: { now(): number }): Instrumentation {
  const waits = new Map<string, Observer>();
  const runs = new Map<string, Observer>();
  const child = (cache: Map<string, Observer>, make: (queueName: string) => Observer, queueName: string): Observer => {
    let observer = cache.get(queueName);
    if (observer === undefined) cache.set(queueName, (observer = make(queueName)));
    return observer;
  };
  const waitIn = (queueName: string) => metrics.wait.labels(queueName);
  const runIn = (queueName: string) => metrics.process.labels(queueName);
  return {
    aroundHandler(info: HandlerRunInfo, run: () => Promise<void>): Promise<void> {
      const { queueName, message } = info;
      const startedAt = clock.now();
      child(waits, waitIn, queueName).observe(Math.max(0, startedAt - message.availableAt) / 1000);
      const done = (): void => child(runs, runIn, queueName).observe(Math.max(0, clock.now() - startedAt) / 1000);
      return run().then(done, (error: unknown) => {
        done();
        throw error;
      });
    },
  };
}
