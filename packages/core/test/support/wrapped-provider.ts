import type { DeclaredCapabilities, EnqueueRecord, QueueProvider } from '@mq/core/provider';

export interface WrappedProvider {
  /** The inner provider, seen through the wrapper (its own methods, the capabilities below). */
  readonly provider: QueueProvider;
  /** Every record the core handed to doEnqueue, in order: the stored format, read through the back door. */
  readonly stored: EnqueueRecord[];
}

/**
 * A real provider (the in-memory one, say) that declares other capabilities (binaryData: false, …)
 * and records what the core stores, without changing how it stores and moves records.
 */
export function wrapProvider(inner: QueueProvider, capabilities: Partial<DeclaredCapabilities>, override: Partial<QueueProvider> = {}): WrappedProvider {
  const stored: EnqueueRecord[] = [];
  const declared = { ...inner.capabilities, ...capabilities };
  const provider = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'capabilities') return declared;
      if (property === 'doEnqueue') {
        return (queueName: string, records: readonly EnqueueRecord[]) => {
          stored.push(...records);
          return override.doEnqueue !== undefined ? override.doEnqueue(queueName, records) : target.doEnqueue(queueName, records);
        };
      }
      const own = override[property as keyof QueueProvider];
      if (own !== undefined) return own;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { provider, stored };
}
