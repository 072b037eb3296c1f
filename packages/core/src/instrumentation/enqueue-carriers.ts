import { MqError } from '../errors/mq-error.js';
import type { QueueMessage } from '../message/queue-message.js';
import { describeValue } from '../message/validate.js';
import type { InstrumentationRegistry, OutcomeCallbacks } from './instrumentation-registry.js';

export interface CarriedMessages {
  /** The messages as they are stored: with what the hooks wrote into their carriers added to their headers. */
  readonly messages: readonly QueueMessage[];
  /** Call registry.finish() with these once the enqueue settled. */
  readonly callbacks: OutcomeCallbacks;
}

/**
 * Runs the onEnqueue hooks before the messages are encoded: each message gets an empty, writable
 * carrier, and what a hook writes there (trace context: traceparent, tracestate) is added to that
 * message's stored headers, over a header of the same name. A value that is not a string is reported and left out.
 */
export function carryEnqueueHeaders(registry: InstrumentationRegistry, queueName: string, messages: readonly QueueMessage[]): CarriedMessages {
  const carriers = messages.map((): Record<string, string> => ({}));
  const callbacks = registry.startEnqueue({ queueName, messages, carriers });
  return { messages: messages.map((message, i) => withCarrier(message, carriers[i] ?? {}, registry.report)), callbacks };
}

function withCarrier(message: QueueMessage, carrier: Record<string, unknown>, report: (error: unknown) => void): QueueMessage {
  let headers: Record<string, string> | undefined;
  for (const key of Object.keys(carrier)) {
    const value = carrier[key];
    if (typeof value !== 'string') {
      report(new MqError('MQ_INVALID_ARGUMENT', `An onEnqueue hook wrote header "${key}" as ${describeValue(value)} for message "${message.id}": header values must be strings; it was left out.`, {
        details: { field: `headers.${key}`, messageId: message.id },
      }));
      continue;
    }
    headers ??= { ...message.metadata.headers };
    // defineProperty: a key such as "__proto__" stays a plain header.
    Object.defineProperty(headers, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return headers === undefined ? message : { ...message, metadata: { ...message.metadata, headers } };
}
