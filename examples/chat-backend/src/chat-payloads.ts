import type { MessageSpec } from '@mq/express';

/** Demo-only switches that make the stand-in agent fail, to show retries and dead letters. */
export type Simulation = 'fail-once' | 'fail-always';

export interface ChatMessagePayload {
  userId: string;
  conversationId: string;
  message: string;
  forceAgent?: string;
  simulate?: Simulation;
}

export interface AgentResponsePayload {
  userId: string;
  conversationId: string;
  agentType: string;
  /** Text of the (stand-in) agent's answer. */
  response: string;
  inReplyTo: string;
}

export type ProactiveTiming = 'immediate' | 'delayed';

export interface ProactiveActionPayload {
  actionType: string;
  agentType: string;
  message: string;
  userId: string;
  conversationId: string;
  timing: ProactiveTiming;
}

/** Payload types by queue, for MessageQueue<ChatPayloads>. */
export interface ChatPayloads {
  chat_messages: ChatMessagePayload;
  agent_responses: AgentResponsePayload;
  proactive_actions: ProactiveActionPayload;
  stream_chunks: unknown;
  status_updates: unknown;
  validation_requests: unknown;
  goal_seeking_updates: unknown;
  conversation_events: unknown;
}

export const CHAT_PRIORITY = 5;
export const AGENT_RESPONSE_PRIORITY = 6;
export const PROACTIVE_PRIORITY = 7;

/** A chat message as QueueService.enqueueChatMessage and POST /enqueue/chat build it. */
export function chatMessage(userId: string, conversationId: string, message: string, forceAgent?: string, priority?: number, simulate?: Simulation): MessageSpec {
  const payload: ChatMessagePayload = { userId, conversationId, message, ...(forceAgent === undefined ? {} : { forceAgent }), ...(simulate === undefined ? {} : { simulate }) };
  return { type: 'chat_message', payload, options: { priority: priority ?? CHAT_PRIORITY, userId, conversationId } };
}

/** A proactive action; `delayMs` counts only when timing is "delayed". */
export function proactiveAction(
  actionType: string,
  agentType: string,
  message: string,
  userId: string,
  conversationId: string,
  timing: ProactiveTiming,
  delayMs?: number,
  priority?: number,
): MessageSpec {
  const payload: ProactiveActionPayload = { actionType, agentType, message, userId, conversationId, timing };
  return {
    type: 'proactive_action',
    payload,
    options: { priority: priority ?? PROACTIVE_PRIORITY, delayMs: timing === 'delayed' ? (delayMs ?? 0) : 0, userId, conversationId },
  };
}
