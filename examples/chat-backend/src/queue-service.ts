import { createMessageQueue, isMqError, QUEUE_NAMES, type MessageQueue, type QueueStats } from '@mq/core';
import type { MessageSpec } from '@mq/express';
import { chatMessage, proactiveAction, type ChatPayloads, type ProactiveTiming } from './chat-payloads.js';

/**
 * How the app's queue is set up, whichever provider it is on. publishEvents: with Redis,
 * completed/dead-lettered messages reach every instance's sockets. queues: the app's own queues,
 * which the stats cover (not other apps' queues under the same Redis prefix).
 */
export const CHAT_QUEUE_OPTIONS = { publishEvents: true, queues: Object.values(QUEUE_NAMES) } as const;

/** Every conversation event (topic `conversation.<what>.<event>`) goes to the spec's conversation_events queue (docs/routing.md). */
export const CONVERSATION_EVENTS_BINDING = { pattern: 'conversation.#', queue: QUEUE_NAMES.CONVERSATION_EVENTS } as const;

/** The app's entry to its queues, as the spec's "Programmatic Usage" shows it. */
export class QueueService {
  /** The queue itself, e.g. for `queueService.messageQueue.on('deadLetter', …)`. */
  readonly messageQueue: MessageQueue<ChatPayloads>;
  /** False on a provider that cannot route (e.g. SQS): conversation events are then enqueued to conversation_events directly. */
  private routing = true;

  constructor(messageQueue?: MessageQueue<ChatPayloads>) {
    this.messageQueue = messageQueue ?? createMessageQueue<ChatPayloads>(CHAT_QUEUE_OPTIONS);
  }

  /** Connects the queue (the provider named by MESSAGE_QUEUE_PROVIDER) and binds conversation events (stored once, shared by every instance). */
  async initialize(): Promise<void> {
    await this.messageQueue.connect();
    try {
      await this.messageQueue.bind(CONVERSATION_EVENTS_BINDING);
    } catch (error) {
      if (!isMqError(error, 'MQ_UNSUPPORTED')) throw error;
      this.routing = false;
    }
  }

  /** Publishes a conversation event to `conversation.<subject>.<event>`: every bound queue gets a copy. */
  publishConversationEvent(subject: string, event: string, userId: string, conversationId: string, payload: Record<string, unknown>) {
    const message = this.messageQueue.createMessage<unknown>(event, { userId, conversationId, ...payload }, { userId, conversationId });
    if (this.routing) return this.messageQueue.publish<'conversation_events'>(`conversation.${subject}.${event}`, message);
    // The binding's one queue, by hand: the same answer as a publish that reached it.
    return this.messageQueue.enqueue(QUEUE_NAMES.CONVERSATION_EVENTS, message).then((id) => ({ messageIds: [id], routedTo: [QUEUE_NAMES.CONVERSATION_EVENTS] }));
  }

  /** Enqueues a chat message on chat_messages; resolves with its id. */
  enqueueChatMessage(userId: string, conversationId: string, message: string, forceAgent?: string, priority?: number): Promise<string> {
    return this.enqueueSpec('chat_messages', chatMessage(userId, conversationId, message, forceAgent, priority));
  }

  /** Enqueues a proactive action on proactive_actions, after `delayMs` when timing is "delayed". */
  enqueueProactiveAction(
    actionType: string,
    agentType: string,
    message: string,
    userId: string,
    conversationId: string,
    timing: ProactiveTiming,
    delayMs?: number,
    priority?: number,
  ): Promise<string> {
    return this.enqueueSpec('proactive_actions', proactiveAction(actionType, agentType, message, userId, conversationId, timing, delayMs, priority));
  }

  /** The spec's stats over all queues. */
  getQueueStats(): Promise<QueueStats> {
    return this.messageQueue.getStats();
  }

  /** Enqueues a message built by one of the chat-payloads builders. */
  enqueueSpec<Q extends keyof ChatPayloads>(queueName: Q, spec: MessageSpec): Promise<string> {
    return this.messageQueue.enqueue(queueName, this.messageQueue.createMessage(spec.type, spec.payload as ChatPayloads[Q], spec.options));
  }

  shutdown(): Promise<void> {
    return this.messageQueue.disconnect();
  }
}

let shared: QueueService | undefined;

/** The process-wide QueueService (created on first use, on the provider the environment names). */
export function getQueueService(): QueueService {
  shared ??= new QueueService();
  return shared;
}
