import { createMessageQueue, QUEUE_NAMES, type MessageQueue, type QueueStats } from '@mq/core';
import type { MessageSpec } from '@mq/express';
import { chatMessage, proactiveAction, type ChatPayloads, type ProactiveTiming } from './chat-payloads.js';

/**
 * How the app's queue is set up, whichever provider it is on. publishEvents: with Redis,
 * completed/dead-lettered messages reach every instance's sockets. queues: the app's own queues,
 * which the stats cover (not other apps' queues under the same Redis prefix).
 */
export const CHAT_QUEUE_OPTIONS = { publishEvents: true, queues: Object.values(QUEUE_NAMES) } as const;

/** The app's entry to its queues, as the spec's "Programmatic Usage" shows it. */
export class QueueService {
  /** The queue itself, e.g. for `queueService.messageQueue.on('deadLetter', …)`. */
  readonly messageQueue: MessageQueue<ChatPayloads>;

  constructor(messageQueue?: MessageQueue<ChatPayloads>) {
    this.messageQueue = messageQueue ?? createMessageQueue<ChatPayloads>(CHAT_QUEUE_OPTIONS);
  }

  /** Connects the queue (the provider named by MESSAGE_QUEUE_PROVIDER). */
  initialize(): Promise<void> {
    return this.messageQueue.connect();
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
