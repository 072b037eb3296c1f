import type { ErrorInfo, QueueMessage } from '../message/queue-message.js';

/**
 * A message finished, on this instance or (with a provider that has crossInstanceEvents and
 * publishEvents on the producing queue) on any instance. What the Socket.IO adapter forwards.
 */
export interface ActivityEvent<T = unknown> {
  readonly event: 'completed' | 'deadLetter';
  readonly queueName: string;
  readonly message: QueueMessage<T>;
  /** Set for deadLetter. */
  readonly error?: ErrorInfo;
  /** When it happened (epoch ms). */
  readonly at: number;
}

export type ActivityListener = (event: ActivityEvent) => void;
