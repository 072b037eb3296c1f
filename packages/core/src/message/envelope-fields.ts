import type { MessageMetadata } from './queue-message.js';

/** The immutable part of a message, as the core hands it to providers in one record. */
export interface EnvelopeFields {
  readonly type: string;
  readonly createdAt: number;
  readonly maxRetries: number;
  readonly delayMs: number;
  readonly metadata: MessageMetadata;
}

/** What reading a record's envelope gives back. */
export interface DecodedEnvelope extends EnvelopeFields {
  readonly payload: unknown;
}
