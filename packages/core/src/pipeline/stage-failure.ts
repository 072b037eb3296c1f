import type { DecodeFailureReason } from './payload-stage.js';

const REASONS: ReadonlySet<string> = new Set<DecodeFailureReason>(['unknown-format', 'unknown-stage', 'unknown-key', 'auth-failed', 'corrupt']);

/**
 * What a stage's decode() throws when it cannot read a body back: `reason` becomes the reason of
 * the message's MQ_DECODE_FAILED (any other error reads as 'corrupt'). The message names no secret.
 */
export class StageFailure extends Error {
  constructor(
    readonly reason: DecodeFailureReason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StageFailure';
  }
}

/** The reason an error carries: a StageFailure's (from any copy of @mq/core) or any error's `reason` that is a DecodeFailureReason. */
export function failureReasonOf(error: unknown): DecodeFailureReason | undefined {
  const reason = typeof error === 'object' && error !== null ? (error as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' && REASONS.has(reason) ? (reason as DecodeFailureReason) : undefined;
}
