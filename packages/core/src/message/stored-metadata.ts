import type { MessageMetadata } from './queue-message.js';

/** Metadata as an envelope stores it: short keys, absent fields left out. */
export interface StoredMetadata {
  u?: string;
  c?: string;
  r?: string;
  h?: Record<string, string>;
}

/** True when the message has metadata to store (else the header leaves it out). */
export function hasMetadata(metadata: MessageMetadata): boolean {
  const { userId, conversationId, correlationId, headers } = metadata;
  return userId !== undefined || conversationId !== undefined || correlationId !== undefined || hasOwnKeys(headers);
}

/** The stored form as JSON text (undefined fields drop out, as JSON.stringify leaves them). */
export function metadataJson(metadata: MessageMetadata): string {
  return JSON.stringify({ u: metadata.userId, c: metadata.conversationId, r: metadata.correlationId, h: metadata.headers });
}

export function decodeMetadata(meta: StoredMetadata): MessageMetadata {
  // The keys in the order spreading gave them, without the temporary objects.
  const metadata = {} as { -readonly [K in keyof MessageMetadata]: MessageMetadata[K] };
  if (meta.u !== undefined) metadata.userId = meta.u;
  if (meta.c !== undefined) metadata.conversationId = meta.c;
  if (meta.r !== undefined) metadata.correlationId = meta.r;
  // A copy: a parsed header may be handed out again (the envelope caches it).
  metadata.headers = meta.h === undefined ? {} : { ...meta.h };
  return metadata;
}

function hasOwnKeys(object: object): boolean {
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) return true;
  return false;
}
