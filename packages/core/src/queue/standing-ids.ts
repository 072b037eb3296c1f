import type { EventEmitter } from 'eventemitter3';
import type { QueueMessage } from '../message/queue-message.js';
import type { EnqueueResult } from '../provider/queue-provider.js';
import type { QueueEventMap } from './queue-events.js';

/**
 * The ids an enqueue resolves with when some of its messages met a held deduplication key: for
 * each message, the id of the message that stands (docs/deduplication.md). Emits `deduplicated`
 * for each such message and `enqueued` for each one stored (a debounce replacement is stored).
 * Runs only when the provider reported deduplicated records, so a plain enqueue never comes here.
 */
export function standingIds(queueName: string, messages: readonly QueueMessage[], result: EnqueueResult, events: EventEmitter<QueueEventMap>): string[] {
  const ids = messages.map((m) => m.id);
  const dropped = new Set<number>();
  for (const { index, existingId, replaced, byId } of result.deduplicated ?? []) {
    const message = messages[index];
    if (message === undefined) continue;
    if (byId === true) {
      // Its id left the queue within the idempotency window: this enqueue already happened.
      dropped.add(index);
      events.emit('deduplicated', { queueName, key: message.id, messageId: message.id, existingId: message.id, mode: 'id' });
      continue;
    }
    if (message.deduplication === undefined) continue;
    if (!replaced) {
      ids[index] = existingId;
      dropped.add(index);
    }
    events.emit('deduplicated', { queueName, key: message.deduplication.key, messageId: message.id, existingId, mode: message.deduplication.mode });
  }
  if (events.listenerCount('enqueued') > 0) messages.forEach((message, i) => dropped.has(i) || events.emit('enqueued', { queueName, message }));
  return ids;
}
