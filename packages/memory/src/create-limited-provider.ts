import { LimitedProvider } from './limited-provider.js';
import type { LimitedProviderOptions } from './limited-provider-options.js';

/**
 * An in-memory provider that behaves like a store lacking what `options` say it lacks (no
 * priorities, no fencing, a longest delay, no dead-letter listing, approximate counts, batches
 * that are not atomic, best-effort order) or taking with a wait (blockingTake), and declares
 * exactly that. For testing what the core does for such stores, and the contract suite's gating.
 */
export function createLimitedProvider(options: LimitedProviderOptions = {}): LimitedProvider {
  return new LimitedProvider(options);
}
