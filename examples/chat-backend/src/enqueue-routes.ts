import { defineEnqueueRoute } from '@mq/express';
import { z } from 'zod';
import { chatMessage, proactiveAction } from './chat-payloads.js';

const id = z.string().min(1).max(256);
const priority = z.number().int().min(1).max(10);

/** The spec's POST /api/queue/enqueue/chat body. Unknown fields are refused. */
export const chatBody = z.strictObject({
  userId: id,
  conversationId: id,
  message: z.string().min(1).max(10_000),
  forceAgent: z.string().min(1).max(64).optional(),
  priority: priority.optional(),
});

/**
 * The spec's POST /api/queue/enqueue/proactive body. `delayMs` goes with `timing: "delayed"` only:
 * a delayed action without one, or an immediate one with one, is refused rather than guessed at.
 */
export const proactiveBody = z
  .strictObject({
    actionType: z.string().min(1).max(64),
    agentType: z.string().min(1).max(64),
    message: z.string().min(1).max(10_000),
    userId: id,
    conversationId: id,
    timing: z.enum(['immediate', 'delayed']),
    delayMs: z.number().int().min(0).max(86_400_000).optional().describe('Milliseconds to wait: required when timing is "delayed", refused when "immediate".'),
    priority: priority.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.timing === 'delayed' && body.delayMs === undefined) ctx.addIssue({ code: 'custom', path: ['delayMs'], message: 'required when timing is "delayed"' });
    if (body.timing === 'immediate' && body.delayMs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMs'], message: 'allowed only when timing is "delayed" (an immediate action runs at once)' });
    }
  });

export const enqueueRoutes = {
  chat: defineEnqueueRoute({
    queueName: 'chat_messages',
    body: chatBody,
    summary: 'Enqueue a chat message',
    toMessage: (b) => chatMessage(b.userId, b.conversationId, b.message, b.forceAgent, b.priority),
  }),
  proactive: defineEnqueueRoute({
    queueName: 'proactive_actions',
    body: proactiveBody,
    summary: 'Enqueue a proactive action (delayMs is required with timing "delayed" and refused with "immediate")',
    toMessage: (b) => proactiveAction(b.actionType, b.agentType, b.message, b.userId, b.conversationId, b.timing, b.delayMs, b.priority),
  }),
};
