import type { QueueMessage } from '../message/queue-message.js';

/** The longest message id (validate.ts). */
const MAX_ID_LENGTH = 128;

/**
 * The id of a published message's copy in `queueName`: `<id>:<queue>` when that fits in 128
 * characters, else `<id's first 100 characters>:<a 64-bit FNV-1a hash of id and queue, hex>`.
 * Deterministic, so a publish retried with the same message id makes the same ids, and a queue
 * that already holds its copy stores none (the provider refuses an id it holds).
 */
export function copyId(id: string, queueName: string): string {
  const plain = `${id}:${queueName}`;
  if (plain.length <= MAX_ID_LENGTH) return plain;
  return `${id.slice(0, 100)}:${fnv1a64(`${id}\u0000${queueName}`)}`;
}

/** The copy of `message` for one queue: its own id, the published id as correlationId. */
export function routedCopy(message: QueueMessage, queueName: string): QueueMessage {
  return { ...message, id: copyId(message.id, queueName), metadata: { ...message.metadata, correlationId: message.id } };
}

/** FNV-1a, 64 bits, as 16 hex digits (two 32-bit halves; Math.imul keeps the products exact). */
function fnv1a64(text: string): string {
  let h1 = 0x84222325;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    h1 ^= text.charCodeAt(i);
    // Multiply by the 64-bit FNV prime 0x100000001b3 in 32-bit halves.
    const lo = Math.imul(h1, 0x1b3);
    const carry = Math.floor(((h1 >>> 0) * 0x1b3) / 0x100000000);
    const hi = (Math.imul(h2, 0x1b3) + Math.imul(h1, 0x100) + carry) >>> 0;
    h1 = lo >>> 0;
    h2 = hi;
  }
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
