import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';

/** queue.publish() options. */
export interface PublishOptions {
  /** Fail with MQ_UNROUTABLE (nothing stored) when no binding takes the message; default false. */
  readonly mandatory?: boolean;
}

/** What queue.publish() resolves with. */
export interface PublishResult<Q extends string = string> {
  /** The id of each copy, in the order of routedTo. */
  readonly messageIds: string[];
  /** The queues that got a copy, sorted; [] when no binding took the message. */
  readonly routedTo: Q[];
}

export function checkPublishOptions(options: unknown): { mandatory: boolean } {
  if (options === undefined) return { mandatory: false };
  const mandatory = typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as PublishOptions).mandatory : null;
  const extra = typeof options === 'object' && options !== null ? Object.keys(options).find((k) => k !== 'mandatory') : undefined;
  if ((mandatory !== undefined && typeof mandatory !== 'boolean') || extra !== undefined) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid publish options ${describeValue(options)}: use { mandatory?: boolean }.`, { field: 'options' });
  }
  return { mandatory: mandatory === true };
}
