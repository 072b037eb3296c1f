import type { MessageQueue, ReceivedMessage, RetryOptions } from '@mq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../src/index.js';
import { parseExposition, valueOf, type Sample } from '../helpers/parse-exposition.js';
import { serveQueue, type ServedQueue } from '../helpers/serve-metrics.js';
import { waitUntil } from '../helpers/wait-until.js';

type Payload = { text: string; simulate?: 'fail-once' | 'fail-always' };

/**
 * A real scrape of GET /metrics after the example's demo (priorities, a delayed message, a retry,
 * a dead letter), compared with getStats() of the same store. `makeQueue` gives a new queue on the
 * provider under test, not yet connected.
 */
export function scrapeSuite(provider: string, makeQueue: (retry: RetryOptions) => MessageQueue): void {
  describe(`GET /metrics on ${provider}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function start(): Promise<{ queue: MessageQueue; served: ServedQueue; scrape: () => Promise<Sample[]> }> {
      // Retries after 5 ms: the demo's retry without its one-second backoff.
      const queue = makeQueue({ strategy: () => 5 });
      await queue.connect();
      cleanups.push(() => queue.disconnect());
      const metrics = createPrometheusMetrics(queue, { storeCacheMs: 0 });
      cleanups.push(async () => metrics.close());
      const served = await serveQueue(queue, metrics);
      cleanups.push(() => served.close());
      const scrape = async () => {
        const res = await served.get('/metrics');
        expect(res.status).toBe(200);
        expect(res.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
        return parseExposition(res.text);
      };
      return { queue, served, scrape };
    }

    it('counts the demo as getStats() does and shows the store as it is', async () => {
      const { queue, served, scrape } = await start();
      const chat = (text: string, priority: number, simulate?: Payload['simulate'], maxRetries?: number) =>
        queue.createMessage<Payload>('chat', simulate === undefined ? { text } : { text, simulate }, { priority, maxRetries });
      await queue.enqueueMany('chat_messages', [chat('p3', 3), chat('p5', 5), chat('p9', 9), chat('once', 6, 'fail-once'), chat('always', 4, 'fail-always', 1)]);
      await queue.enqueue('proactive_actions', queue.createMessage('reminder', { text: 'later' }, { delayMs: 30 }));
      // Nobody takes from this one: its messages stay ready and age.
      await queue.enqueueMany('agent_responses', [queue.createMessage('r', 1), queue.createMessage('r', 2)]);

      let settled = 0;
      const handler = async (message: ReceivedMessage) => {
        const { simulate } = message.payload as Payload;
        if (simulate === 'fail-always' || (simulate === 'fail-once' && message.attempts === 1)) throw new Error(`simulated failure of ${message.id}`);
        await Promise.resolve();
      };
      const done = waitUntil(
        () => settled === 6,
        (poke) => {
          const count = () => {
            settled++;
            poke();
          };
          queue.on('completed', count);
          queue.on('deadLetter', count);
          return () => {
            queue.off('completed', count);
            queue.off('deadLetter', count);
          };
        },
        15_000,
        '5 completed messages and 1 dead letter',
      );
      const subs = [queue.subscribe('chat_messages', handler), queue.subscribe('proactive_actions', handler)];
      cleanups.push(async () => {
        await Promise.all(subs.map((s) => s.close()));
      });
      await done;
      // Settles travel after the events: wait until the store shows none in flight.
      await expect.poll(async () => (await queue.getStats('chat_messages')).processingMessages, { timeout: 5000 }).toBe(0);

      const samples = await scrape();
      for (const queueName of ['chat_messages', 'proactive_actions', 'agent_responses']) {
        const stats = JSON.parse((await served.get(`/stats?queueName=${queueName}`)).text) as Record<string, number>;
        const gauge = (state: string) => valueOf(samples, 'mq_queue_messages', { queue: queueName, state });
        expect({ ready: gauge('ready'), delayed: gauge('delayed'), processing: gauge('processing'), dead: gauge('dead') }).toEqual({
          ready: stats.readyMessages,
          delayed: stats.delayedMessages,
          processing: stats.processingMessages,
          dead: stats.failedMessages,
        });
        expect(valueOf(samples, 'mq_messages_settled_total', { queue: queueName, outcome: 'completed' }) ?? 0).toBe(stats.completedMessages);
        expect(valueOf(samples, 'mq_messages_settled_total', { queue: queueName, outcome: 'dead_lettered' }) ?? 0).toBe(stats.failedMessages);
        // The stats were read after the scrape: their oldest message is as old or older.
        const age = valueOf(samples, 'mq_queue_oldest_message_age_seconds', { queue: queueName }) as number;
        expect(age * 1000).toBeLessThanOrEqual(stats.oldestMessageAgeMs as number);
        if (stats.readyMessages === 0) expect(age).toBe(0);
      }
      expect(valueOf(samples, 'mq_messages_enqueued_total', { queue: 'chat_messages' })).toBe(5);
      expect(valueOf(samples, 'mq_messages_enqueued_total', { queue: 'proactive_actions' })).toBe(1);
      expect(valueOf(samples, 'mq_messages_enqueued_total', { queue: 'agent_responses' })).toBe(2);
      expect(valueOf(samples, 'mq_messages_settled_total', { queue: 'chat_messages', outcome: 'completed' })).toBe(4);
      expect(valueOf(samples, 'mq_messages_settled_total', { queue: 'chat_messages', outcome: 'retried' })).toBe(2);
      expect(valueOf(samples, 'mq_messages_settled_total', { queue: 'chat_messages', outcome: 'dead_lettered' })).toBe(1);
      expect(valueOf(samples, 'mq_messages_settled_total', { queue: 'proactive_actions', outcome: 'completed' })).toBe(1);
      expect(valueOf(samples, 'mq_queue_messages', { queue: 'agent_responses', state: 'ready' })).toBe(2);
      expect(valueOf(samples, 'mq_queue_oldest_message_age_seconds', { queue: 'agent_responses' })).toBeGreaterThan(0);
      expect(valueOf(samples, 'mq_queue_oldest_message_age_seconds', { queue: 'chat_messages' })).toBe(0);
      // Handler runs: 3 + 2 (fail once) + 2 (maxRetries 1) on chat, 1 on proactive; each one waited and ran.
      expect(valueOf(samples, 'mq_message_wait_seconds_count', { queue: 'chat_messages' })).toBe(7);
      expect(valueOf(samples, 'mq_message_process_seconds_count', { queue: 'chat_messages' })).toBe(7);
      expect(valueOf(samples, 'mq_message_process_seconds_count', { queue: 'proactive_actions' })).toBe(1);
      expect(valueOf(samples, 'mq_message_wait_seconds_bucket', { queue: 'chat_messages', le: '+Inf' })).toBe(7);
      expect(valueOf(samples, 'mq_provider_up')).toBe(1);
      // No message ids in labels, and only the seven metrics.
      const ids = new Set(samples.flatMap((s) => Object.values(s.labels)).filter((v) => v.startsWith(queue.createMessage('x', 0).id.slice(0, 4))));
      expect(ids).toEqual(new Set());
      const families = new Set(samples.map((s) => s.name.replace(/_(bucket|sum|count)$/, '')));
      expect([...families].sort()).toEqual([
        'mq_message_process_seconds',
        'mq_message_wait_seconds',
        'mq_messages_enqueued_total',
        'mq_messages_settled_total',
        'mq_provider_up',
        'mq_queue_messages',
        'mq_queue_oldest_message_age_seconds',
      ]);
    });

    it('says the store is down with mq_provider_up 0 and leaves the queue gauges out', async () => {
      const { queue, scrape } = await start();
      await queue.enqueue('chat_messages', queue.createMessage('chat', { text: 'x' }));
      expect(valueOf(await scrape(), 'mq_queue_messages', { queue: 'chat_messages', state: 'ready' })).toBe(1);
      await queue.disconnect();
      const samples = await scrape();
      expect(valueOf(samples, 'mq_provider_up')).toBe(0);
      expect(samples.filter((s) => s.name === 'mq_queue_messages' || s.name === 'mq_queue_oldest_message_age_seconds')).toEqual([]);
      expect(valueOf(samples, 'mq_messages_enqueued_total', { queue: 'chat_messages' })).toBe(1);
    });
  });
}
