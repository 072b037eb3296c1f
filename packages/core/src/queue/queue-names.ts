/** The queues of the chat backend in the spec, for apps that use them. Any other valid name works too. */
export const QUEUE_NAMES = {
  CHAT_MESSAGES: 'chat_messages',
  AGENT_RESPONSES: 'agent_responses',
  PROACTIVE_ACTIONS: 'proactive_actions',
  STREAM_CHUNKS: 'stream_chunks',
  STATUS_UPDATES: 'status_updates',
  VALIDATION_REQUESTS: 'validation_requests',
  GOAL_SEEKING_UPDATES: 'goal_seeking_updates',
  CONVERSATION_EVENTS: 'conversation_events',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
