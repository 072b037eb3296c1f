import { ManualClock, isMqError, type MessageQueue, type ProviderCallInfo } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics, METRIC_NAMES } from '../src/index.js';
import { parseExposition, valueOf } from './helpers/parse-exposition.js';

const queues: MessageQueue[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) await q.disconnect();
});

async function manualQueue(options: { visibilityTimeoutMs?: number } = {}): Promise<{ queue: MessageQueue; clock: ManualClock }> {
  const clock = new ManualClock(1_000_000);
  const queue = createInMemoryQueue({ clock, ...options });
  await queue.connect();
  queues.push(queue);
  return { queue, clock };
}

describe('createPrometheusMetrics', () => {
  it('reads the store once per queue for all gauges of a scrape, and again only after storeCacheMs', async () => {
    const { queue, clock } = await manualQueue();
    const counts: string[] = [];
    queue.instrument({ onProviderCall: (call: ProviderCallInfo) => void (call.operation === 'count' && counts.push(call.queueName ?? '')) });
    await queue.enqueue('a', queue.createMessage('t', 1));
    await queue.enqueue('b', queue.createMessage('t', 2));
    const metrics = createPrometheusMetrics(queue, { clock });
    await metrics.metrics();
    expect(counts.sort()).toEqual(['a', 'b']);
    await Promise.all([metrics.metrics(), metrics.metrics()]);
    await clock.advance(999);
    await metrics.metrics();
    expect(counts).toHaveLength(2);
    await clock.advance(1);
    await queue.enqueue('a', queue.createMessage('t', 3));
    const samples = parseExposition(await metrics.metrics());
    expect(counts).toHaveLength(4);
    expect(valueOf(samples, 'mq_queue_messages', { queue: 'a', state: 'ready' })).toBe(2);
    expect(valueOf(samples, 'mq_queue_oldest_message_age_seconds', { queue: 'a' })).toBe(1);
  });

  it('measures wait from availableAt and run time on the clock it is given', async () => {
    const { queue, clock } = await manualQueue();
    const metrics = createPrometheusMetrics(queue, { clock });
    await queue.enqueue('q', queue.createMessage('t', 1));
    await clock.advance(250);
    let finish: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => {
      queue.subscribe('q', () => {
        resolve();
        return new Promise<void>((release) => (finish = release));
      });
    });
    await ran;
    await clock.advance(2000);
    const completed = new Promise((resolve) => queue.once('completed', resolve));
    finish();
    await completed;
    const samples = parseExposition(await metrics.metrics());
    expect(valueOf(samples, 'mq_message_wait_seconds_sum', { queue: 'q' })).toBe(0.25);
    expect(valueOf(samples, 'mq_message_wait_seconds_bucket', { queue: 'q', le: '0.1' })).toBe(0);
    expect(valueOf(samples, 'mq_message_wait_seconds_bucket', { queue: 'q', le: '0.25' })).toBe(1);
    expect(valueOf(samples, 'mq_message_process_seconds_sum', { queue: 'q' })).toBe(2);
  });

  it('counts an ack that came after the lease ended as lease_expired', async () => {
    const { queue, clock } = await manualQueue({ visibilityTimeoutMs: 1000 });
    const metrics = createPrometheusMetrics(queue, { clock });
    await queue.enqueue('q', queue.createMessage('t', 1));
    let finish: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      // A handler deadline past the lease: the lease ends first.
      queue.subscribe(
        'q',
        () => {
          resolve();
          return new Promise<void>((release) => (finish = release));
        },
        { timeoutMs: 5000 },
      );
    });
    await started;
    const lost = new Promise<Error>((resolve) => queue.on('error', resolve));
    await clock.advance(1500);
    // Another consumer takes it once the lease ended: the late ack is refused.
    expect(await queue.dequeue('q')).not.toBeNull();
    finish();
    const error = await lost;
    expect(isMqError(error) && error.code).toBe('MQ_LEASE_LOST');
    const samples = parseExposition(await metrics.metrics());
    expect(valueOf(samples, 'mq_messages_settled_total', { queue: 'q', outcome: 'lease_expired' })).toBe(1);
    expect(valueOf(samples, 'mq_messages_settled_total', { queue: 'q', outcome: 'completed' })).toBeUndefined();
  });

  it('registers in the registry given, refuses a second queue there, and close() gives it back', async () => {
    const { queue } = await manualQueue();
    const registry = new Registry();
    const metrics = createPrometheusMetrics(queue, { registry });
    expect(metrics.registry).toBe(registry);
    expect(metrics.contentType).toBe(registry.contentType);
    expect(METRIC_NAMES.every((name) => registry.getSingleMetric(name) !== undefined)).toBe(true);
    expect(() => createPrometheusMetrics(queue, { registry })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('mq_messages_enqueued_total') }));
    metrics.close();
    metrics.close();
    expect(registry.getMetricsAsArray()).toEqual([]);
    // Closed: nothing counts any more, and the registry takes new metrics.
    await queue.enqueue('q', queue.createMessage('t', 1));
    const again = createPrometheusMetrics(queue, { registry });
    expect(valueOf(parseExposition(await again.metrics()), 'mq_messages_enqueued_total', { queue: 'q' })).toBeUndefined();
  });

  it('refuses what it cannot use, naming what is allowed', async () => {
    const { queue } = await manualQueue();
    expect(() => createPrometheusMetrics({} as MessageQueue)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT', message: expect.stringContaining('needs a MessageQueue') }));
    const bad: [unknown, string][] = [
      ['nope', 'options must be an object'],
      [{ registry: {} }, 'options.registry must be a prom-client Registry'],
      [{ clock: Date }, 'options.clock must be an object with now()'],
      [{ storeCacheMs: -1 }, 'options.storeCacheMs must be an integer >= 0'],
      [{ waitBuckets: [1, 0.5] }, 'options.waitBuckets must be a non-empty array of ascending positive numbers'],
      [{ processBuckets: [] }, 'options.processBuckets must be'],
    ];
    for (const [options, message] of bad) {
      expect(() => createPrometheusMetrics(queue, options as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining(message) }));
    }
  });
});
