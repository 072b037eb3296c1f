import { defineEnqueueRoute } from '../../src/index.js';
import { z } from 'zod';

/** The spec's two enqueue bodies, as an app would configure them (the chat example has its own). */
export const chatBody = z.strictObject({
  userId: z.string().min(1).max(256),
  conversationId: z.string().min(1).max(256),
  message: z.string().min(1).max(10_000),
  forceAgent: z.string().max(64).optional(),
  priority: z.number().int().min(1).max(10).optional(),
});

export const proactiveBody = z.strictObject({
  actionType: z.string().min(1).max(64),
  agentType: z.string().min(1).max(64),
  message: z.string().min(1).max(10_000),
  userId: z.string().min(1).max(256),
  conversationId: z.string().min(1).max(256),
  timing: z.enum(['immediate', 'delayed']),
  delayMs: z.number().int().min(0).max(86_400_000).optional(),
  priority: z.number().int().min(1).max(10).optional(),
});

export const specRoutes = {
  chat: defineEnqueueRoute({
    queueName: 'chat_messages',
    body: chatBody,
    summary: 'Enqueue a chat message',
    toMessage: ({ userId, conversationId, message, forceAgent, priority }) => ({
      type: 'chat_message',
      payload: { userId, conversationId, message, ...(forceAgent === undefined ? {} : { forceAgent }) },
      options: { priority: priority ?? 5, userId, conversationId },
    }),
  }),
  proactive: defineEnqueueRoute({
    queueName: 'proactive_actions',
    body: proactiveBody,
    toMessage: ({ priority, delayMs, timing, ...payload }) => ({
      type: 'proactive_action',
      payload: { ...payload, timing },
      options: { priority: priority ?? 7, delayMs: timing === 'delayed' ? (delayMs ?? 0) : 0, userId: payload.userId, conversationId: payload.conversationId },
    }),
  }),
};

export const CHAT_BODY = { userId: 'user123', conversationId: 'conv456', message: 'Hello world!', priority: 7 };
export const PROACTIVE_BODY = {
  actionType: 'greeting',
  agentType: 'general',
  message: 'Welcome!',
  userId: 'user123',
  conversationId: 'conv456',
  timing: 'immediate',
  priority: 8,
};
