import { ProviderUnavailableError } from '@mq/core';
import type { QueueProvider } from '@mq/core/provider';
import { createInMemoryProvider } from '@mq/memory';

/** Text that must never reach an HTTP response. */
export const INTERNAL_ERROR_TEXT = 'connect ECONNREFUSED 10.9.8.7:6379 secret-internal-text';

/**
 * An in-memory provider that can be taken down: then doHealthCheck answers false and every other
 * call fails with ProviderUnavailableError, as a provider does when its store is unreachable.
 */
export function createSwitchableProvider(): { provider: QueueProvider; setDown(down: boolean): void } {
  const inner = createInMemoryProvider();
  let down = false;
  const provider = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !/^do[A-Z]/.test(property) || property === 'doDisconnect') return value;
      return (...args: unknown[]) => {
        if (!down) return (value as (...a: unknown[]) => unknown).apply(target, args);
        if (property === 'doHealthCheck') return Promise.resolve(false);
        return Promise.reject(new ProviderUnavailableError(INTERNAL_ERROR_TEXT));
      };
    },
  });
  return { provider, setDown: (value) => (down = value) };
}
