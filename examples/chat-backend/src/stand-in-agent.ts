import type { ChatMessagePayload } from './chat-payloads.js';

/**
 * STAND-IN FOR THE AI AGENT. This example has no model: it answers every chat message with a
 * fixed, deterministic text so that tests and demos can predict it. Replace this function with a
 * call to your agent.
 */
export function standInAgentReply(chat: ChatMessagePayload): { agentType: string; response: string } {
  const agentType = chat.forceAgent ?? 'general';
  return { agentType, response: `[stand-in ${agentType} agent] You said: "${chat.message}"` };
}

/** Thrown by the demo's failing messages (see POST /api/queue/demo). */
export class SimulatedFailure extends Error {
  override readonly name = 'SimulatedFailure';
}
