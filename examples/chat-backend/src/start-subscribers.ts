import { QUEUE_NAMES, type Subscription } from '@mq/core';
import { AGENT_RESPONSE_PRIORITY } from './chat-payloads.js';
import type { QueueService } from './queue-service.js';
import { SimulatedFailure, standInAgentReply } from './stand-in-agent.js';

/**
 * One subscriber per queue of the spec. A message that completes is sent to its user's sockets by
 * attachQueueEvents (queue_processed_chat, …_agent_response, …_proactive_action).
 */
export function startSubscribers(service: QueueService): Subscription[] {
  const queue = service.messageQueue;
  const subscriptions: Subscription[] = [
    queue.subscribe(QUEUE_NAMES.CHAT_MESSAGES, async (message) => {
      const chat = message.payload;
      if (chat.simulate === 'fail-always') throw new SimulatedFailure(`demo: "${chat.message}" always fails`);
      if (chat.simulate === 'fail-once' && message.attempts === 1) throw new SimulatedFailure(`demo: "${chat.message}" fails on its first attempt`);
      const reply = standInAgentReply(chat);
      await service.enqueueSpec(QUEUE_NAMES.AGENT_RESPONSES, {
        type: 'agent_response',
        payload: { userId: chat.userId, conversationId: chat.conversationId, ...reply, inReplyTo: message.id },
        options: { priority: AGENT_RESPONSE_PRIORITY, userId: chat.userId, conversationId: chat.conversationId, correlationId: message.id },
      });
    }),
  ];
  // Delivery of agent responses and proactive actions is the socket event itself; the other
  // queues have no work in this example beyond being consumed.
  for (const name of Object.values(QUEUE_NAMES)) {
    if (name !== QUEUE_NAMES.CHAT_MESSAGES) subscriptions.push(queue.subscribe(name, () => undefined));
  }
  return subscriptions;
}
