import type { MessageSpec } from '@mq/express';
import { validateBody } from '@mq/express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { chatMessage, proactiveAction, type ChatPayloads } from './chat-payloads.js';
import type { QueueService } from './queue-service.js';

export const demoBody = z.strictObject({ userId: z.string().min(1).max(256), conversationId: z.string().min(1).max(256) });

/** How long the demo's delayed proactive action waits. */
export const DEMO_DELAY_MS = 3000;

export interface DemoEnqueued {
  queueName: keyof ChatPayloads;
  messageId: string;
  priority: number;
  delayMs: number;
  maxRetries: number;
  demonstrates: 'priority' | 'delay' | 'retry' | 'dead letter';
  expect: string;
}

type Planned = { queueName: keyof ChatPayloads; spec: MessageSpec; demonstrates: DemoEnqueued['demonstrates']; expect: string };

/**
 * POST /api/queue/demo: enqueues messages that show priorities, a delayed message, a retry and a
 * dead letter, and answers 202 with what it enqueued.
 */
export function demoRoute(service: QueueService): RequestHandler {
  return async (req, res) => {
    const { userId, conversationId } = await validateBody(demoBody, req.body);
    const chat = (text: string, priority: number, simulate?: 'fail-once' | 'fail-always') => chatMessage(userId, conversationId, text, undefined, priority, simulate);
    const byPriority: Planned[] = [3, 5, 9].map((p) => ({
      queueName: 'chat_messages',
      spec: chat(`Demo: priority ${p} message`, p),
      demonstrates: 'priority',
      expect: 'with the other demo chat messages, processed by priority: 9, 6, 5, 4, 3',
    }));
    const others: Planned[] = [
      {
        queueName: 'proactive_actions',
        spec: proactiveAction('reminder', 'general', 'Demo: delayed reminder', userId, conversationId, 'delayed', DEMO_DELAY_MS, 8),
        demonstrates: 'delay',
        expect: `processed about ${DEMO_DELAY_MS} ms after enqueue`,
      },
      { queueName: 'chat_messages', spec: chat('Demo: fails once, then succeeds', 6, 'fail-once'), demonstrates: 'retry', expect: 'fails on attempt 1, succeeds on attempt 2 about 1 s later' },
      {
        queueName: 'chat_messages',
        spec: withMaxRetries(chat('Demo: always fails', 4, 'fail-always'), 1),
        demonstrates: 'dead letter',
        expect: 'fails on attempts 1 and 2 (maxRetries 1), then lands in the dead letters of chat_messages',
      },
    ];
    const queue = service.messageQueue;
    const build = (p: Planned) => queue.createMessage(p.spec.type, p.spec.payload as never, p.spec.options);
    const enqueued: DemoEnqueued[] = [];
    // Chat messages go in one atomic enqueue, so the subscriber sees them all at once and takes
    // them by priority: 9, 6, 5, 4, 3.
    const chats = [...byPriority, ...others.filter((p) => p.queueName === 'chat_messages')];
    const chatMessages = chats.map(build);
    const ids = await queue.enqueueMany('chat_messages', chatMessages);
    chats.forEach((p, i) => enqueued.push(describe(p, chatMessages[i] as Message, ids[i] as string)));
    for (const planned of others.filter((p) => p.queueName !== 'chat_messages')) {
      const message = build(planned);
      enqueued.push(describe(planned, message, await queue.enqueue(planned.queueName, message)));
    }
    // One event, fanned out by the bindings (conversation.# → conversation_events).
    const published = await service.publishConversationEvent('demo', 'started', userId, conversationId, { enqueued: enqueued.length });
    res.status(202).json({ message: 'Demo messages enqueued', enqueued, published: { topic: 'conversation.demo.started', ...published } });
  };
}

type Message = { priority: number; delayMs: number; maxRetries: number };

function describe(planned: Planned, message: Message, messageId: string): DemoEnqueued {
  const { queueName, demonstrates, expect } = planned;
  return { queueName, messageId, priority: message.priority, delayMs: message.delayMs, maxRetries: message.maxRetries, demonstrates, expect };
}

function withMaxRetries(spec: MessageSpec, maxRetries: number): MessageSpec {
  return { ...spec, options: { ...spec.options, maxRetries } };
}
