import type { DeadLetterEvent, MessageQueue } from '@mq/core';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { connectSocket, named, startTestBackend, type TestBackend } from '../helpers/start-test-backend.js';
import type { ChatPayloads } from '../../src/chat-payloads.js';

/** POST /api/queue/demo end to end, on memory or on the queue `makeQueue` makes. */
export function demoSuite(makeQueue?: () => MessageQueue<ChatPayloads>): void {
  let running: TestBackend | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  describe('POST /api/queue/demo', () => {
    test('shows priorities, a delayed message, a retry and a dead letter, and says what it enqueued', async () => {
      running = await startTestBackend({}, makeQueue?.());
      const { app, url, queueService } = running;
      const queue = queueService.messageQueue;
      const processedOrder: number[] = [];
      queue.on('processing', ({ queueName, message }) => {
        if (queueName === 'chat_messages' && message.attempts === 1) processedOrder.push(message.priority);
      });
      const retries: string[] = [];
      queue.on('retrying', ({ message }) => retries.push(message.id));
      const deadLettered = new Promise<DeadLetterEvent>((resolve) => queue.once('deadLetter', resolve));
      const client = await connectSocket(url, { userId: 'debug' });

      const res = await request(app).post('/api/queue/demo').set('Content-Type', 'application/json').send('{"userId": "debug", "conversationId": "debug"}').expect(202);
      const enqueued = res.body.enqueued as { messageId: string; queueName: string; priority: number; delayMs: number; demonstrates: string }[];
      expect(enqueued.map((e) => [e.queueName, e.priority, e.delayMs, e.demonstrates])).toEqual([
        ['chat_messages', 3, 0, 'priority'],
        ['chat_messages', 5, 0, 'priority'],
        ['chat_messages', 9, 0, 'priority'],
        ['chat_messages', 6, 0, 'retry'],
        ['chat_messages', 4, 0, 'dead letter'],
        ['proactive_actions', 8, 3000, 'delay'],
      ]);
      const [retryId, deadId, delayed] = enqueued.slice(3).map((e) => e.messageId);
      // The demo's conversation event, fanned out to conversation_events by its binding.
      expect(res.body.published).toEqual({ topic: 'conversation.demo.started', messageIds: [expect.stringMatching(/:conversation_events$/)], routedTo: ['conversation_events'] });
      expect(await queue.listBindings()).toContainEqual({ pattern: 'conversation.#', queue: 'conversation_events' });

      // Everything settles: 5 chat messages processed (one retried), the delayed action, one dead letter.
      await client.until((events) => events.some((e) => e.event === 'queue_processed_proactive_action' && e.data.messageId === delayed), 'the delayed proactive action');
      await client.until((events) => events.some((e) => e.event === 'queue_processed_chat' && e.data.messageId === retryId), 'the retried message');
      expect((await deadLettered).message.id).toBe(deadId);
      const deadLetters = await queue.deadLetters('chat_messages');
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({ id: deadId, attempts: 2, error: { name: 'SimulatedFailure' } });
      expect(processedOrder).toEqual([9, 6, 5, 4, 3]);
      expect(retries).toContain(retryId);
      expect(named(client, 'queue_processed_chat').find((d) => d.messageId === retryId)).toMatchObject({ attempts: 2 });
      expect(named(client, 'queue_processed_chat').map((d) => d.messageId)).not.toContain(deadId);
      expect(running.logs.some((line) => line.startsWith(`dead letter in chat_messages: ${deadId}`))).toBe(true);
      const stats = (await request(app).get('/api/queue/stats').expect(200)).body;
      expect(stats).toMatchObject({ failedMessages: 1, pendingMessages: 0 });

      // A real scrape of /metrics after the demo agrees with getStats() queue by queue.
      const scrape = await request(app).get('/api/queue/metrics').expect(200);
      expect(scrape.headers['content-type']).toContain('text/plain');
      const sample = (name: string, labels: Record<string, string>): number | undefined => {
        const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
        const line = (scrape.text as string).split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
        return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
      };
      for (const queueName of ['chat_messages', 'proactive_actions']) {
        const single = await queue.getStats(queueName);
        expect(sample('mq_queue_messages', { queue: queueName, state: 'ready' }), queueName).toBe(single.readyMessages);
        expect(sample('mq_queue_messages', { queue: queueName, state: 'delayed' }), queueName).toBe(single.delayedMessages);
        expect(sample('mq_queue_messages', { queue: queueName, state: 'processing' }), queueName).toBe(single.processingMessages);
        expect(sample('mq_queue_messages', { queue: queueName, state: 'dead' }), queueName).toBe(single.failedMessages);
        expect(sample('mq_messages_settled_total', { queue: queueName, outcome: 'completed' }), queueName).toBe(single.completedMessages);
      }
      expect(sample('mq_messages_settled_total', { queue: 'chat_messages', outcome: 'dead_lettered' })).toBe(1);
      expect(sample('mq_messages_settled_total', { queue: 'chat_messages', outcome: 'retried' })).toBeGreaterThanOrEqual(2);
      expect(sample('mq_messages_enqueued_total', { queue: 'chat_messages' })).toBe(5);
      expect(sample('mq_provider_up', {}) ?? Number(/^mq_provider_up (\d+)/m.exec(scrape.text as string)?.[1])).toBe(1);
      client.socket.disconnect();
    }, 20_000);
  });
}
