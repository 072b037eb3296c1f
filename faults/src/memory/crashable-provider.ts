import type { QueueProvider } from '@mq/core/provider';

/** A consumer's view of a shared provider that can "die" like a SIGKILLed process. */
export interface CrashableProvider {
  readonly provider: QueueProvider;
  /** From now on every call (and every call in flight) never settles: no more effects seen by the consumer. */
  crash(): void;
  readonly crashed: boolean;
}

const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * Wraps a provider shared by several in-process consumers. After crash(), the consumer is frozen
 * as a killed process would be: its leases stay until they expire, and a call that reached the
 * store before the crash keeps its effect (like a Redis command that ran just before the kill).
 * With `shared`, connect and disconnect are no-ops: the test owns the shared provider.
 */
export function createCrashableProvider(inner: QueueProvider, options: { shared: boolean }): CrashableProvider {
  let crashed = false;
  const provider = new Proxy(inner, {
    get(target, property, receiver) {
      if (options.shared && (property === 'doConnect' || property === 'doDisconnect')) return () => Promise.resolve();
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (crashed) return never();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (settled: unknown) => (crashed ? never() : settled),
          (error: unknown) => (crashed ? never() : Promise.reject(error as Error)),
        );
      };
    },
  });
  return {
    provider,
    crash: () => void (crashed = true),
    get crashed() {
      return crashed;
    },
  };
}
