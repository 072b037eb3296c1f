import { MessageQueue, type DeadLetterEvent } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { describe, expect, test } from 'vitest';
import type { ChatPayloads } from '../src/chat-payloads.js';
import { getQueueService, QueueService } from '../src/queue-service.js';

async function service(): Promise<QueueService> {
  const s = new QueueService(new MessageQueue<ChatPayloads>({ provider: createInMemoryProvider() }));
  await s.initialize();
  return s;
}

describe('QueueService (the spec\'s programmatic usage)', () => {
  test('enqueueChatMessage(userId, conversationId, message, forceAgent?, priority?)', async () => {
    const queueService = await service();
    const messageId = await queueService.enqueueChatMessage('user123', 'conv456', 'Hello!', undefined, 7);
    const message = await queueService.messageQueue.dequeue('chat_messages');
    expect(message).toMatchObject({ id: messageId, priority: 7, payload: { userId: 'user123', conversationId: 'conv456', message: 'Hello!' }, metadata: { userId: 'user123', conversationId: 'conv456' } });
    await queueService.enqueueChatMessage('user123', 'conv456', 'Hi', 'coach');
    expect((await queueService.messageQueue.dequeue('chat_messages'))?.payload).toMatchObject({ forceAgent: 'coach' });
  });

  test('enqueueProactiveAction(…, "delayed", 5000, 8) waits 5 s', async () => {
    const queueService = await service();
    const actionId = await queueService.enqueueProactiveAction('reminder', 'general', "Don't forget!", 'user123', 'conv456', 'delayed', 5000, 8);
    expect(typeof actionId).toBe('string');
    expect(await queueService.messageQueue.getStats('proactive_actions')).toMatchObject({ delayedMessages: 1, readyMessages: 0 });
    await queueService.enqueueProactiveAction('greeting', 'general', 'Welcome!', 'user123', 'conv456', 'immediate', 5000);
    expect(await queueService.messageQueue.dequeue('proactive_actions')).toMatchObject({ delayMs: 0, priority: 7, payload: { actionType: 'greeting', timing: 'immediate' } });
  });

  test('getQueueStats() has totalMessages', async () => {
    const queueService = await service();
    await queueService.enqueueChatMessage('u', 'c', 'm');
    const stats = await queueService.getQueueStats();
    expect(stats.totalMessages).toBe(1);
  });

  test("messageQueue.on('deadLetter', ({ queueName, message, error }) => …) works as the spec shows", async () => {
    const queueService = await service();
    const seen: DeadLetterEvent[] = [];
    queueService.messageQueue.on('deadLetter', (event) => seen.push(event));
    const id = await queueService.messageQueue.enqueue('chat_messages', queueService.messageQueue.createMessage('chat_message', { userId: 'u', conversationId: 'c', message: 'm' }, { maxRetries: 0 }));
    const taken = await queueService.messageQueue.dequeue('chat_messages');
    if (taken === null) throw new Error('expected a message');
    await queueService.messageQueue.nack(taken, new Error('no luck'));
    expect(seen).toEqual([{ queueName: 'chat_messages', message: expect.objectContaining({ id }), error: expect.objectContaining({ message: 'no luck' }) }]);
  });

  test('getQueueService() returns one shared instance', () => {
    expect(getQueueService()).toBe(getQueueService());
    expect(getQueueService().messageQueue.providerName).toBe('memory');
  });
});
