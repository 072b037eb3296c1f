import type { Clock } from '../clock/clock.js';
import { MqError } from '../errors/mq-error.js';
import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import { LeaseGuard } from './lease-guard.js';
import { LongDelays } from './long-delays.js';
import { NonAtomicBatches } from './non-atomic-batches.js';
import { isPartitioningStore } from './partition-layout.js';
import { PartitionedQueues } from './partitioned-queues.js';
import { PriorityLevels } from './priority-levels.js';
import { UnlistedDeadLetters } from './unlisted-dead-letters.js';

/**
 * What the core offers over a store with `capabilities` once it has emulated what the store
 * lacks: priorities, fenced acknowledgements and delays of any length always; batches atomic only
 * where the store's are and priorities are its own. The rest is the store's (docs/writing-a-provider.md).
 */
export function effectiveCapabilities(capabilities: ProviderCapabilities): ProviderCapabilities {
  return {
    ...capabilities,
    priorities: 'native',
    fencedAcks: true,
    maxDelayMs: Infinity,
    atomicBatchEnqueue: capabilities.atomicBatchEnqueue && capabilities.priorities === 'native',
    // Priority levels and long delays change where and how records are stored: no rewriting under them.
    scanRecords: capabilities.scanRecords && capabilities.priorities === 'native' && capabilities.maxDelayMs === Infinity,
    // The admin API lists and changes stored records: the same reason.
    admin: capabilities.admin && capabilities.priorities === 'native' && capabilities.maxDelayMs === Infinity,
  };
}

/**
 * The provider the core talks to: `provider` itself when its store needs nothing emulated (the
 * in-memory provider: no wrapper, nothing added per call), else `provider` inside the
 * adapters its capabilities call for, outermost first:
 *
 * - LeaseGuard (fencedAcks false): refuses settlements whose lease ran out by `clock`.
 * - UnlistedDeadLetters (deadLetters 'none'): refuses listing and by-id replay/purge (MQ_UNSUPPORTED).
 * - NonAtomicBatches (batches not atomic): one record at a time, and an honest duplicate error.
 * - PriorityLevels (priorities 'none'): one store queue per level.
 * - LongDelays (maxDelayMs finite): re-schedules longer delays until due.
 * - PartitionedQueues (partitions, on a store that names partitions' store queues: Redis): one
 *   store queue per partition, merged by priority here (partitioned-queues.ts).
 *
 * counts 'approximate', blockingTake, reclaimToFront, ordering and the seams need no adapter:
 * the queue reads them from the capabilities (stats, subscriptions, MQ_UNSUPPORTED refusals).
 */
export function adaptProvider(provider: QueueProvider, capabilities: ProviderCapabilities, clock: Clock): QueueProvider {
  const { maxDelayMs } = capabilities;
  if (maxDelayMs !== Infinity && !(Number.isInteger(maxDelayMs) && maxDelayMs >= 1)) {
    throw new MqError('MQ_PROVIDER_ERROR', `The ${provider.name} provider declares capabilities.maxDelayMs ${String(maxDelayMs)}: a provider must declare a whole number of ms >= 1, or Infinity.`, {
      details: { provider: provider.name, capability: 'maxDelayMs' },
    });
  }
  const emulatePriorities = capabilities.priorities === 'none';
  const longDelays = capabilities.maxDelayMs !== Infinity;
  const guardLeases = !capabilities.fencedAcks;
  const unlisted = capabilities.deadLetters === 'none';
  const effective = effectiveCapabilities(capabilities);
  const partitioned = capabilities.partitions && isPartitioningStore(provider);
  if (!emulatePriorities && !longDelays && !guardLeases && !unlisted && !partitioned && effective.atomicBatchEnqueue) return provider;
  let adapted = provider;
  if (partitioned) adapted = new PartitionedQueues(provider, effective);
  if (longDelays) adapted = new LongDelays(adapted, effective, clock, capabilities.maxDelayMs);
  if (emulatePriorities) adapted = new PriorityLevels(adapted, effective);
  if (!effective.atomicBatchEnqueue) adapted = new NonAtomicBatches(adapted, effective, !capabilities.atomicBatchEnqueue);
  if (unlisted) adapted = new UnlistedDeadLetters(adapted, effective);
  if (guardLeases) adapted = new LeaseGuard(adapted, effective, clock);
  return adapted;
}
