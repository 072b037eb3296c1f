import type { QueueMessage, ReceivedMessage } from '../message/queue-message.js';

/**
 * Hooks around what a MessageQueue does, for metrics and tracing (@mq/prometheus, @mq/otel) or
 * your own. Register with queue.instrument(); several may be registered. Every provider call and
 * every handler run passes through one place that calls them; with none registered they cost
 * nothing. The core depends on no telemetry library.
 */
export interface Instrumentation {
  /** Around every provider call: return a function, called once with the outcome. */
  onProviderCall?(call: ProviderCallInfo): ((outcome: CallOutcome) => void) | void;
  /**
   * Before new messages are encoded at enqueue: may write headers (trace context such as
   * traceparent) into each message's carrier, which is stored with the message as its headers.
   * Return a function, called once with the outcome of the enqueue.
   */
  onEnqueue?(info: EnqueueInfo): ((outcome: CallOutcome) => void) | void;
  /** Around every handler run: must call run() once and return (or await) its promise, e.g. inside a tracing context. */
  aroundHandler?(info: HandlerRunInfo, run: () => Promise<void>): Promise<void>;
}

export interface ProviderCallInfo {
  /** The queue, for calls about one queue. */
  readonly queueName?: string;
  /** The core's name for the call: enqueue, take, ack, nack, release, deadLetter, count, … */
  readonly operation: string;
  /** Ids of the messages the call is about, where known before the call (empty for a take). */
  readonly messageIds: readonly string[];
  /** The queue's clock when the call started. */
  readonly startedAt: number;
}

export interface CallOutcome {
  readonly ok: boolean;
  readonly error?: unknown;
  readonly durationMs: number;
}

export interface EnqueueInfo {
  readonly queueName: string;
  readonly messages: readonly QueueMessage[];
  /** One per message, in order: headers to add (writable). */
  readonly carriers: readonly Record<string, string>[];
}

export interface HandlerRunInfo {
  readonly queueName: string;
  readonly message: ReceivedMessage;
}
