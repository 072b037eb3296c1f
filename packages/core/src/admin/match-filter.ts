import type { MessageFilter, MessageInfo } from './message-info.js';

/**
 * True when the message meets every given field of the filter (AND); the state is the walk's
 * business. `text` is a case-insensitive substring of JSON.stringify(payload); an undecodable or
 * redacted payload (null) matches no text.
 */
export function matchesFilter(message: MessageInfo, filter: MessageFilter): boolean {
  if (filter.id !== undefined && message.id !== filter.id) return false;
  if (filter.type !== undefined && message.type !== filter.type) return false;
  if (filter.userId !== undefined && message.metadata.userId !== filter.userId) return false;
  if (filter.conversationId !== undefined && message.metadata.conversationId !== filter.conversationId) return false;
  if (filter.text !== undefined && filter.text !== '') {
    if (message.payload === null) return false;
    const json = JSON.stringify(message.payload) ?? '';
    if (!json.toLowerCase().includes(filter.text.toLowerCase())) return false;
  }
  return true;
}
