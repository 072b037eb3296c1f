/**
 * The payload pipeline: serializer → optional compression → optional encryption. The default is
 * the JSON serializer alone, which stays on today's synchronous string path; stages work on bytes
 * and may be async (a key lookup). docs/architecture.md shows where each stage plugs in.
 */

/** Turns a payload into text and back; 'json' is the default. */
export interface PayloadSerializer {
  /** Stored in every message's header, so a reader knows how to read it. */
  readonly name: string;
  serialize(payload: unknown): string;
  deserialize(text: string): unknown;
}

/** What a stage knows about the message it encodes or decodes (e.g. for additional authenticated data). */
export interface StageContext {
  readonly queueName: string;
  readonly messageId: string;
  /**
   * Set for a confidential stage only: the stored header as JSON (envelope version, serializer,
   * type, createdAt, maxRetries, delayMs, body encoding, the stages that ran before this one, the
   * metadata marker), for the additional authenticated data, so a changed header does not verify.
   */
  readonly header?: string;
}

/** One byte-to-byte step after the serializer (compression, encryption). */
export interface PayloadStage {
  /** Stored in the header (with what encode() returns as `params`), e.g. 'gzip', 'aes-256-gcm'. */
  readonly name: string;
  /** True for encryption: the message's metadata (userId, conversationId, headers) goes inside the body instead of the plaintext header. */
  readonly confidential?: boolean;
  /** May decline (return undefined: the body stays as it is and the stage is not recorded), e.g. compression below a size. */
  encode(body: Uint8Array, context: StageContext): StageOutput | undefined | Promise<StageOutput | undefined>;
  /** Throws a StageFailure (or any error, read as 'corrupt') when the body cannot be read back. */
  decode(body: Uint8Array, params: string, context: StageContext): Uint8Array | Promise<Uint8Array>;
}

export interface StageOutput {
  readonly body: Uint8Array;
  /** Short text the stage needs to decode (a key id), stored in the header; '' for none. No secrets. */
  readonly params: string;
}

/** Why a stored body could not be read: the reason of MQ_DECODE_FAILED. */
export type DecodeFailureReason = 'unknown-format' | 'unknown-stage' | 'unknown-key' | 'auth-failed' | 'corrupt';
